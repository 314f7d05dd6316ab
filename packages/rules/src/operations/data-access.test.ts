import { evaluate } from '../compiler/compile';
import { ruleErrorOf } from '../test-support/rule-error-of';

describe('data access', () => {
  it('refuses a missing key that is itself a rule, which json-logic-js would run from the data', () => {
    expect(ruleErrorOf(() => evaluate({ missing: { var: 'keys' } }, { keys: [{ var: 'x' }] })).code).toBe('missing.invalid_key');
  });

  it('reads keys given as [name, default] in missing, as json-logic-js does', () => {
    expect(evaluate({ missing: { var: 'keys' } }, { keys: [['a', 'fallback'], 'b'] })).toEqual(['b']);
  });

  it('answers missing_some with literal and computed key lists alike', () => {
    expect(evaluate({ missing_some: [2, ['a', 'b', 'c']] }, { a: 1, c: '' })).toEqual(['b', 'c']);
    expect(evaluate({ missing_some: [1, { var: 'keys' }] }, { keys: ['a', 'b'], b: 2 })).toEqual([]);
  });
});
