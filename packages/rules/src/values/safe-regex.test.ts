import fc from 'fast-check';
import { RuleError } from '../rule-error';
import { compileSafePattern } from './safe-regex';

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error.code;
    throw error;
  }
  return 'none';
}

const patterns = [
  '^1[3-9]\\d{9}$',
  '^\\d{17}[\\dXx]$',
  '^[A-Z]{2}\\d{4}-\\d+$',
  'a|b|cd',
  '^(?:VIP|PB)_\\w*$',
  'ab?c*d+',
  '^$',
  '\\bloan\\b',
  '\\Ban',
  '[^0-9a-f]',
  'x{2,3}y{1,}z{0,1}',
  '(ab)*c',
  '[.\\-\\]]+',
  '^\\s*\\S+\\s*$',
  '贷款|理财',
  '^.{3}$',
  '(a|b)*abb',
  'a.c',
  '[\\u4e00-\\u9fa5]{2,4}',
];

describe('safe regular expressions', () => {
  it.each(patterns)('matches like JavaScript for /%s/', (pattern) => {
    const safe = compileSafePattern(pattern, 200);
    const native = new RegExp(pattern, 'u');
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'abcdxyzXAB019 _-.]贷款理财\n'.split('')), maxLength: 20 }), (text) => {
        expect(safe.test(text)).toBe(native.test(text));
      }),
      { numRuns: 300 },
    );
  });

  it('matches ignoring case with the i flag', () => {
    expect(compileSafePattern('^vip', 200, 'i').test('VIP客户')).toBe(true);
    expect(compileSafePattern('^[a-c]+$', 200, 'i').test('ABC')).toBe(true);
    expect(compileSafePattern('^vip', 200).test('VIP')).toBe(false);
  });

  it('refuses a repeated group that already repeats, the catastrophic shape', () => {
    expect(codeOf(() => compileSafePattern('(a+)+$', 200))).toBe('regex.nested_quantifier');
    expect(codeOf(() => compileSafePattern('(x{2}){3}', 200))).toBe('regex.nested_quantifier');
  });

  it('runs in linear time even on patterns that backtracking engines find hard', () => {
    const pattern = compileSafePattern('^(a|a)*\\d*\\d*\\d*b$', 200);
    expect(pattern.test(`${'a'.repeat(5000)}${'1'.repeat(5000)}`)).toBe(false);
  });

  it('refuses backreferences, lookaround, named groups and unknown flags', () => {
    expect(codeOf(() => compileSafePattern('(a)\\1', 200))).toBe('regex.unsupported');
    expect(codeOf(() => compileSafePattern('a(?=b)', 200))).toBe('regex.unsupported');
    expect(codeOf(() => compileSafePattern('(?<year>\\d{4})', 200))).toBe('regex.unsupported');
    expect(codeOf(() => compileSafePattern('a', 200, 'g'))).toBe('regex.unsupported');
  });

  it('refuses patterns past the length limit and huge repeat counts', () => {
    expect(codeOf(() => compileSafePattern('a'.repeat(201), 200))).toBe('regex.too_long');
    expect(codeOf(() => compileSafePattern('a{5000}', 200))).toBe('regex.too_complex');
    expect(codeOf(() => compileSafePattern('(?:a{999}b){999}', 200))).toBe('regex.nested_quantifier');
    expect(codeOf(() => compileSafePattern(`${'('.repeat(25)}a${')'.repeat(25)}`, 200))).toBe('regex.too_complex');
  });

  it('names syntax errors', () => {
    expect(codeOf(() => compileSafePattern('(ab', 200))).toBe('regex.syntax');
    expect(codeOf(() => compileSafePattern('ab)', 200))).toBe('regex.syntax');
    expect(codeOf(() => compileSafePattern('*a', 200))).toBe('regex.syntax');
    expect(codeOf(() => compileSafePattern('[a-', 200))).toBe('regex.syntax');
    expect(codeOf(() => compileSafePattern('a**', 200))).toBe('regex.syntax');
  });
});
