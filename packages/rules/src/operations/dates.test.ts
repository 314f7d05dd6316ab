import { compile, evaluate } from '../compiler/compile';
import { ruleErrorOf } from '../test-support/rule-error-of';

const now = { now: '2026-11-23T08:00:00+08:00' };

describe('date operations', () => {
  it('reads now and today from the context, never from the clock', () => {
    expect(evaluate({ now: [] }, {}, now)).toBe('2026-11-23T00:00:00.000Z');
    expect(evaluate({ today: [] }, {}, now)).toBe('2026-11-23');
    expect(evaluate({ today: [] }, {}, { now: new Date('2026-01-02T03:04:05Z') })).toBe('2026-01-02');
  });

  it('fails clearly when a rule needs now and none was passed', () => {
    const error = ruleErrorOf(() => evaluate({ and: [true, { age: { var: 'birthDate' } }] }, { birthDate: '1990-01-01' }));
    expect(error.code).toBe('context.now_missing');
    expect(error.path).toBe('and[1].age');
  });

  it('computes full years of age, a day before and on the birthday', () => {
    const age = compile({ age: { var: 'birthDate' } });
    expect(age({ birthDate: '2008-11-24' }, now)).toBe(17);
    expect(age({ birthDate: '2008-11-23' }, now)).toBe(18);
    expect(evaluate({ age: ['2000-02-29', '2027-02-28'] })).toBe(27);
    expect(evaluate({ age: ['2000-02-29', '2027-02-27'] })).toBe(26);
  });

  it('adds days and months across month and year ends, clamping to the shorter month', () => {
    expect(evaluate({ addDays: ['2028-02-28', 1] })).toBe('2028-02-29');
    expect(evaluate({ addDays: ['2026-01-01', -1] })).toBe('2025-12-31');
    expect(evaluate({ addMonths: ['2026-03-31', -1] })).toBe('2026-02-28');
    expect(evaluate({ addMonths: ['2026-11-30', 14] })).toBe('2028-01-30');
    expect(evaluate({ addMonths: ['2026-01-31T02:00:00+08:00', 1] })).toBe('2026-02-27T18:00:00.000Z');
    expect(evaluate({ addDays: ['2026-11-23T08:00:00Z', 2] })).toBe('2026-11-25T08:00:00.000Z');
  });

  it('counts calendar days between dates, using the date written in a datetime', () => {
    expect(evaluate({ daysBetween: ['2026-11-23T23:59:00+08:00', '2026-11-24T00:01:00+08:00'] })).toBe(1);
    expect(evaluate({ daysBetween: ['2026-03-01', '2026-02-01'] })).toBe(-28);
    expect(evaluate({ daysBetween: [{ today: [] }, { var: 'due' }] }, { due: '2026-12-01' }, now)).toBe(8);
  });

  it('compares instants when both are datetimes and calendar dates otherwise', () => {
    expect(evaluate({ isBefore: ['2026-11-23T08:00:00+08:00', '2026-11-23T01:00:00Z'] })).toBe(true);
    expect(evaluate({ isAfter: ['2026-11-23T23:00:00Z', '2026-11-23'] })).toBe(false);
    expect(evaluate({ isBefore: [null, '2026-11-23'] })).toBe(false);
  });

  it('finds the start and end of a month and the weekday', () => {
    expect(evaluate({ startOfMonth: { var: 'd' } }, { d: '2026-02-17' })).toBe('2026-02-01');
    expect(evaluate({ endOfMonth: '2026-02-17' })).toBe('2026-02-28');
    expect(evaluate({ dayOfWeek: '2026-11-29' })).toBe(7);
  });

  it('gives null for absent dates and builds dates from parts', () => {
    expect(evaluate({ addDays: [{ var: 'missing' }, 3] }, {})).toBeNull();
    expect(evaluate({ date: [2026, 11, 23] })).toBe('2026-11-23');
    expect(evaluate({ date: [2026, 13, 1] })).toBeNull();
  });

  it('names invalid dates and day counts', () => {
    const invalid = ruleErrorOf(() => evaluate({ addDays: [{ var: 'd' }, 1] }, { d: '2026-02-30' }));
    expect(invalid.code).toBe('date.invalid');
    expect(invalid.path).toBe('addDays');
    expect(invalid.messages.en).toContain('"2026-02-30"');
    expect(ruleErrorOf(() => evaluate({ addDays: ['2026-01-01', 1.5] })).code).toBe('date.invalid_amount');
    expect(ruleErrorOf(() => evaluate({ isAfter: [20261123, '2026-01-01'] })).code).toBe('date.invalid');
  });

  it('refuses a wrong number of arguments when compiling', () => {
    const error = ruleErrorOf(() => compile({ addDays: ['2026-01-01'] }));
    expect(error.code).toBe('operator.arity');
    expect(error.messages['zh-CN']).toContain('addDays');
  });
});
