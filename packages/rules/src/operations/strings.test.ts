import { compile, evaluate } from '../compiler/compile';
import { ruleErrorOf } from '../test-support/rule-error-of';

describe('string operations', () => {
  it('tests prefixes, suffixes and fragments, reading numbers as text', () => {
    expect(evaluate({ startsWith: [{ var: 'card' }, '6222'] }, { card: 6222021234567890 })).toBe(true);
    expect(evaluate({ endsWith: [{ var: 'id' }, 'X'] }, { id: '11010519491231002X' })).toBe(true);
    expect(evaluate({ contains: ['个人住房贷款', '住房'] })).toBe(true);
    expect(evaluate({ startsWith: [{ var: 'missing' }, '6'] }, {})).toBe(false);
  });

  it('transforms case and white space and counts characters, not code units', () => {
    expect(evaluate({ lower: 'PB' })).toBe('pb');
    expect(evaluate({ upper: { var: 'x' } }, {})).toBeNull();
    expect(evaluate({ trim: '  a ' })).toBe('a');
    expect(evaluate({ length: '𠮷野家' })).toBe(3);
    expect(evaluate({ length: [[1, 2, 3]] })).toBe(3);
  });

  it('matches safe regular expressions, fixed or coming from data', () => {
    expect(evaluate({ matches: [{ var: 'code' }, '^\\d{6}$'] }, { code: '100081' })).toBe(true);
    expect(evaluate({ matches: ['VIP-7', '^vip', 'i'] })).toBe(true);
    expect(evaluate({ matches: ['abc', { var: 'pattern' }] }, { pattern: 'b+' })).toBe(true);
  });

  it('refuses a catastrophic pattern when compiling, with the path of the pattern', () => {
    const error = ruleErrorOf(() => compile({ and: [true, { matches: [{ var: 'x' }, '^(a+)+$'] }] }));
    expect(error.code).toBe('regex.nested_quantifier');
    expect(error.path).toBe('and[1].matches[1]');
    expect(error.messages['zh-CN']).toContain('灾难性回溯');
  });

  it('refuses a catastrophic pattern from data when evaluating', () => {
    const error = ruleErrorOf(() => evaluate({ matches: ['aaaa!', { var: 'pattern' }] }, { pattern: '(a*)*!' }));
    expect(error.code).toBe('regex.nested_quantifier');
    expect(error.path).toBe('matches[1]');
  });

  it('refuses over-long patterns and texts', () => {
    expect(ruleErrorOf(() => compile({ matches: ['a', 'a'.repeat(300)] })).code).toBe('regex.too_long');
    expect(ruleErrorOf(() => evaluate({ matches: [{ var: 't' }, 'a'] }, { t: 'a'.repeat(20_000) })).code).toBe('string.too_long');
    expect(ruleErrorOf(() => compile({ matches: ['a', 5] })).code).toBe('regex.invalid');
  });

  it('refuses objects where text is expected', () => {
    expect(ruleErrorOf(() => evaluate({ startsWith: [{ var: '' }, 'a'] }, { a: 1 })).code).toBe('string.invalid');
  });
});
