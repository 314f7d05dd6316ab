import { defaultLimits } from '../limits';
import { parseUnaryTests, passes, UnaryTestSyntaxError } from './unary-tests';

const runtime = { context: undefined, limits: defaultLimits, steps: 0 };
const holds = (text: string, value: unknown) => passes(parseUnaryTests(text), value, {}, runtime);

describe('unary tests', () => {
  it('reads "-" and an empty cell as anything, absent values included', () => {
    expect(holds('-', null)).toBe(true);
    expect(holds('', 'x')).toBe(true);
  });

  it('compares numbers, and decimal amounts exactly', () => {
    expect(holds('>= 500000', 500000)).toBe(true);
    expect(holds('>= 500000', '499999.99')).toBe(false);
    expect(holds('< 18', 17.5)).toBe(true);
    expect(holds('!= 3', 4)).toBe(true);
    expect(holds('= -2.5', -2.5)).toBe(true);
    expect(holds('> 0', null)).toBe(false);
  });

  it('tests closed, open and half-open ranges', () => {
    expect(holds('[18..60]', 18)).toBe(true);
    expect(holds('[18..60]', 60)).toBe(true);
    expect(holds('(18..60]', 18)).toBe(false);
    expect(holds(']18..60[', 60)).toBe(false);
    expect(holds('[18..60)', 59.9)).toBe(true);
  });

  it('tests lists of values, quoted or bare, and their negation', () => {
    expect(holds('"VIP","PB"', 'PB')).toBe(true);
    expect(holds('VIP, PB', 'MASS')).toBe(false);
    expect(holds('not("closed", "frozen")', 'active')).toBe(true);
    expect(holds('not("closed", "frozen")', 'frozen')).toBe(false);
    expect(holds('true', true)).toBe(true);
    expect(holds('null', undefined)).toBe(true);
    expect(holds('"个人"', '个人')).toBe(true);
  });

  it('compares ISO dates as text', () => {
    expect(holds('>= date("2026-01-01")', '2026-03-01')).toBe(true);
    expect(holds('["2026-01-01".."2026-12-31"]', '2027-01-01')).toBe(false);
  });

  it('does not let a number match a string or the reverse', () => {
    expect(holds('"5"', 5)).toBe(false);
    expect(holds('5', 'five')).toBe(false);
  });

  it('reports where the text cannot be read', () => {
    const attempts = ['>= ', '[1..5', '"open', '>= 5 6', '1 .. 2', '#'];
    for (const text of attempts) expect(() => parseUnaryTests(text)).toThrow(UnaryTestSyntaxError);
    try {
      parseUnaryTests('[1..5');
    } catch (error) {
      expect((error as UnaryTestSyntaxError).position).toBe(5);
    }
  });
});
