import { ageOn, businessDate, isCalendarDate } from './calendar';

/**
 * Mainland resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit birth
 * date, 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */
export type Sex = 'male' | 'female';

export interface ResidentIdInfo {
  regionCode: string;
  birthDate: string;
  sex: Sex;
  /** Completed years at `now`, when `now` was given. */
  age?: number;
}

export type ResidentIdProblem = 'residentId.format' | 'residentId.region' | 'residentId.birthDate' | 'residentId.checksum';

export type ResidentIdCheck = { valid: true; info: ResidentIdInfo } | { valid: false; code: ResidentIdProblem };

export const RESIDENT_ID_PATTERN = '^[1-9]\\d{16}[\\dX]$';
const SHAPE = new RegExp(RESIDENT_ID_PATTERN);
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
// Provinces, autonomous regions and municipalities, plus 81/82/83 used by residence permits
// for Hong Kong, Macao and Taiwan residents.
const PROVINCE_CODES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

/** The check character the first 17 digits call for. */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += (first17.charCodeAt(index) - 48) * WEIGHTS[index]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

/** What is wrong with a number, or `null` when it is valid (birth date not after `now`, when given). */
export function residentIdProblem(value: unknown, now?: string | Date): ResidentIdProblem | null {
  return residentIdProblemOn(value, now === undefined ? undefined : businessDate(now));
}

/** As `residentIdProblem`, with `now` already a business date (`YYYY-MM-DD`). */
export function residentIdProblemOn(value: unknown, today: string | undefined): ResidentIdProblem | null {
  if (typeof value !== 'string' || !SHAPE.test(value)) return 'residentId.format';
  if (!PROVINCE_CODES.has(value.slice(0, 2))) return 'residentId.region';
  const year = Number(value.slice(6, 10));
  if (year < 1800 || !isCalendarDate(year, Number(value.slice(10, 12)), Number(value.slice(12, 14)))) return 'residentId.birthDate';
  if (today !== undefined && birthDateOf(value) > today) return 'residentId.birthDate';
  if (residentIdCheckCharacter(value) !== value[17]) return 'residentId.checksum';
  return null;
}

function birthDateOf(value: string): string {
  return `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
}

export function checkResidentId(value: unknown, now?: string | Date): ResidentIdCheck {
  const code = residentIdProblem(value, now);
  if (code !== null) return { valid: false, code };
  const id = value as string;
  const birthDate = birthDateOf(id);
  const info: ResidentIdInfo = {
    regionCode: id.slice(0, 6),
    birthDate,
    sex: (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female',
  };
  if (now !== undefined) info.age = ageOn(birthDate, now);
  return { valid: true, info };
}

export function isResidentId(value: unknown): boolean {
  return residentIdProblem(value) === null;
}

/** Birth date, sex and (with `now`) age of a valid number; `null` for an invalid one. */
export function parseResidentId(value: unknown, now?: string | Date): ResidentIdInfo | null {
  const result = checkResidentId(value, now);
  return result.valid ? result.info : null;
}
