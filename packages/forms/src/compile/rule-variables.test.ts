import { rootOf, ruleVariables } from './rule-variables';

describe('the variables a rule reads', () => {
  it('collects var, missing and missing_some names, nested anywhere', () => {
    const rule = {
      and: [
        { '>': [{ var: 'loan.amount' }, 5] },
        { missing: ['mobile', 'email'] },
        { missing_some: [1, ['homePhone', 'workPhone']] },
        { if: [{ var: ['flag', false] }, { var: 3 }, 'x'] },
      ],
    };
    expect([...ruleVariables(rule)].sort()).toEqual(['3', 'email', 'flag', 'homePhone', 'loan.amount', 'mobile', 'workPhone']);
  });

  it('leaves out what iterating operations read from each item', () => {
    const rule = {
      all: [{ var: 'owners' }, { '>': [{ var: 'share' }, { var: '' }] }],
      reduce: [{ var: 'rows' }, { '+': [{ var: 'current.value' }, { var: 'accumulator' }] }, { var: 'start' }],
    };
    expect([...ruleVariables({ and: [{ all: rule.all }, { reduce: rule.reduce }] })].sort()).toEqual(['owners', 'rows', 'start']);
  });

  it('marks a variable whose name is computed', () => {
    expect([...ruleVariables({ var: { cat: ['a', 'b'] } })]).toEqual(['*']);
  });

  it('reads the field a dotted path belongs to', () => {
    expect(rootOf('homeAddress.region.province')).toBe('homeAddress');
    expect(rootOf('amount')).toBe('amount');
  });
});
