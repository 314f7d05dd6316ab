import { compareCodePoints } from './code-point-order';

describe('code point order', () => {
  it('sorts as Postgres "C" does, where JavaScript string comparison differs for characters beyond U+FFFF', () => {
    const astral = '\u{20000}'; // 𠀀, a CJK Extension B character
    const privateUse = '\uFF01'; // ！, full-width exclamation mark
    expect(astral < privateUse).toBe(true);
    expect(compareCodePoints(astral, privateUse)).toBeGreaterThan(0);
  });

  it('orders prefixes first and equal texts as equal', () => {
    expect(compareCodePoints('上海', '上海分行')).toBeLessThan(0);
    expect(compareCodePoints('ATM', 'ATM')).toBe(0);
    expect(compareCodePoints('Z', 'a')).toBeLessThan(0);
  });
});
