import { USCC_ALPHABET, usccCheckCharacter } from '../values/uscc';
import { seededRandom } from './seeded-random';

/**
 * Test data only: a checksum-valid unified social credit code. `prefix` fixes the registration
 * authority and class (default `91`: a company registered with market regulation).
 */
export function generateUscc(seed = 0, prefix = '91', regionCode = '110108'): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}$/.test(prefix)) throw new RangeError(`prefix must be 2 USCC characters: ${prefix}`);
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits: ${regionCode}`);
  const random = seededRandom(seed);
  let organisation = '';
  for (let index = 0; index < 9; index += 1) organisation += USCC_ALPHABET[Math.floor(random() * USCC_ALPHABET.length)];
  const first17 = `${prefix}${regionCode}${organisation}`;
  return first17 + usccCheckCharacter(first17);
}
