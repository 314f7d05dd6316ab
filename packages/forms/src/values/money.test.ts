import Decimal from 'decimal.js';
import fc from 'fast-check';
import { compareDecimal, formatMoney, isDecimalString } from './money';

describe('money values', () => {
  it.each([
    ['1', '1.00', 0],
    ['10', '9.99', 1],
    ['-10', '9.99', -1],
    ['-10', '-9.99', -1],
    ['-0', '0.00', 0],
    ['0.5', '0.45', 1],
    ['123456789012345678901.01', '123456789012345678901.1', -1],
    ['1e3', '999', 1],
  ])('compares %s with %s exactly', (left, right, expected) => {
    expect(compareDecimal(left, right)).toBe(expected);
  });

  it('agrees with decimal.js on many pairs', () => {
    const samples = ['0', '-0.01', '0.01', '1', '-1', '10.5', '10.50', '9.999', '-100', '100000000.01', '99999999.99'];
    for (const left of samples) {
      for (const right of samples) expect(compareDecimal(left, right)).toBe(new Decimal(left).comparedTo(new Decimal(right)));
    }
  });

  it('agrees with decimal.js on any two plain decimals', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }))
      .map(([negative, integer, fraction]) => `${negative ? '-' : ''}${integer}${fraction === undefined ? '' : `.${fraction}`}`);
    fc.assert(
      fc.property(decimal, decimal, (left, right) => {
        expect(compareDecimal(left, right)).toBe(new Decimal(left).comparedTo(new Decimal(right)) || 0);
      }),
    );
  });

  it('formats amounts to a precision, rounding half up', () => {
    expect(formatMoney('2.345', 2)).toBe('2.35');
    expect(formatMoney(7, 2)).toBe('7.00');
    expect(isDecimalString('12.30')).toBe(true);
    expect(isDecimalString('1,230')).toBe(false);
  });
});
