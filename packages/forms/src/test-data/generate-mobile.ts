import { randomDigits, seededRandom } from './seeded-random';

const PREFIXES = ['130', '135', '138', '139', '150', '158', '166', '177', '186', '189', '199'];

/** Test data only: a well-formed mainland mobile number. */
export function generateMobile(seed = 0): string {
  const random = seededRandom(seed);
  return PREFIXES[Math.floor(random() * PREFIXES.length)]! + randomDigits(random, 8);
}
