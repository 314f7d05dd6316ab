import { generateBankCard } from '../test-data';
import { checkBankCard, isBankCard, luhnCheckDigit, passesLuhn } from './bank-card';

describe('bank card numbers', () => {
  it('accepts numbers that pass the Luhn check', () => {
    expect(isBankCard('4111111111111111')).toBe(true);
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it('tells a malformed number from a wrong check digit', () => {
    expect(checkBankCard('41111111111')).toEqual({ valid: false, code: 'bankCard.format' });
    expect(checkBankCard('4111 1111 1111 1111')).toEqual({ valid: false, code: 'bankCard.format' });
    expect(checkBankCard('4111111111111112')).toEqual({ valid: false, code: 'bankCard.checksum' });
  });

  it('generates valid numbers of the requested prefix and length', () => {
    for (let seed = 0; seed < 200; seed += 1) {
      const card = generateBankCard(seed, '621700', 19);
      expect(card).toHaveLength(19);
      expect(card.startsWith('621700')).toBe(true);
      expect(isBankCard(card)).toBe(true);
    }
  });
});
