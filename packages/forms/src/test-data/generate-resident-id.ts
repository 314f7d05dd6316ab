import { isIsoDate } from '../values/calendar';
import { residentIdCheckCharacter, type Sex } from '../values/resident-id';
import { randomDigits, seededRandom } from './seeded-random';

/**
 * Test data only: a checksum-valid resident ID number for a birth date and sex. The same
 * arguments always give the same number; it belongs to no real person only by chance.
 */
export function generateResidentId(birthDate: string, sex: Sex, seed = 0, regionCode = '110101'): string {
  if (!isIsoDate(birthDate)) throw new RangeError(`birthDate must be YYYY-MM-DD: ${birthDate}`);
  if (!/^[1-9]\d{5}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  const random = seededRandom(seed);
  const sequence = randomDigits(random, 2);
  let sexDigit = Math.floor(random() * 5) * 2;
  if (sex === 'male') sexDigit += 1;
  const first17 = `${regionCode}${birthDate.replace(/-/g, '')}${sequence}${sexDigit}`;
  return first17 + residentIdCheckCharacter(first17);
}
