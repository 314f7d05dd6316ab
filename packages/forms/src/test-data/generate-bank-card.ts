import { luhnCheckDigit } from '../values/bank-card';
import { randomDigits, seededRandom } from './seeded-random';

/** Test data only: a Luhn-valid card number starting with `prefix` (default a UnionPay debit BIN). */
export function generateBankCard(seed = 0, prefix = '622202', length = 19): string {
  if (!/^\d+$/.test(prefix)) throw new RangeError(`prefix must be digits: ${prefix}`);
  if (length < 12 || length > 19 || prefix.length >= length) throw new RangeError(`length must be 12 to 19 and longer than the prefix`);
  const payload = prefix + randomDigits(seededRandom(seed), length - prefix.length - 1);
  return payload + luhnCheckDigit(payload);
}
