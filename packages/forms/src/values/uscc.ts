/**
 * Unified social credit codes (GB 32100-2015): registration authority, organisation class,
 * 6-digit region code, 9-character organisation code and a MOD 31 check character, over an
 * alphabet without I, O, S, V and Z.
 */
export type UsccProblem = 'uscc.format' | 'uscc.checksum';

export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';
const SHAPE = new RegExp(USCC_PATTERN);
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character the first 17 characters call for. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index += 1) sum += USCC_ALPHABET.indexOf(first17[index]!) * WEIGHTS[index]!;
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export function checkUscc(value: unknown): { valid: true } | { valid: false; code: UsccProblem } {
  if (typeof value !== 'string' || !SHAPE.test(value)) return { valid: false, code: 'uscc.format' };
  return usccCheckCharacter(value) === value[17] ? { valid: true } : { valid: false, code: 'uscc.checksum' };
}

export function isUscc(value: unknown): boolean {
  return checkUscc(value).valid;
}
