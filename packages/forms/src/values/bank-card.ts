/** Bank card numbers: 12 to 19 digits whose last digit is the Luhn (ISO/IEC 7812) check digit. */
export type BankCardProblem = 'bankCard.format' | 'bankCard.checksum';

export const BANK_CARD_PATTERN = '^\\d{12,19}$';
const SHAPE = new RegExp(BANK_CARD_PATTERN);

/** Luhn sum over a string of digits, doubling every second digit from the right. */
function luhnSum(digits: string, doubleFirstFromRight: boolean): number {
  let sum = 0;
  let double = doubleFirstFromRight;
  for (let index = digits.length - 1; index >= 0; index -= 1) {
    let digit = digits.charCodeAt(index) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return sum;
}

/** The digit that completes `payload` into a Luhn-valid number. */
export function luhnCheckDigit(payload: string): string {
  return String((10 - (luhnSum(payload, true) % 10)) % 10);
}

export function passesLuhn(digits: string): boolean {
  return /^\d+$/.test(digits) && luhnSum(digits, false) % 10 === 0;
}

export function checkBankCard(value: unknown): { valid: true } | { valid: false; code: BankCardProblem } {
  if (typeof value !== 'string' || !SHAPE.test(value)) return { valid: false, code: 'bankCard.format' };
  return luhnSum(value, false) % 10 === 0 ? { valid: true } : { valid: false, code: 'bankCard.checksum' };
}

export function isBankCard(value: unknown): boolean {
  return checkBankCard(value).valid;
}
