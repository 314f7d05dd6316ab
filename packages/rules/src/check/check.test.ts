import { check } from './check';
import type { VariableSchema } from './variable-schema';

const schema: VariableSchema = {
  'customer.age': 'integer',
  'customer.birthDate': 'date',
  'customer.segment': 'string',
  'customer.aum': 'money',
  'customer.active': 'boolean',
  'customer.profile': 'object',
  accounts: { type: 'array', items: { balance: 'money', openedOn: 'date', type: 'string' } },
};

describe('check', () => {
  it('returns no problems for a rule that reads known variables with fitting types', () => {
    expect(check({ and: [{ '>=': [{ var: 'customer.age' }, 18] }, { in: [{ var: 'customer.segment' }, ['VIP', 'PB']] }] }, schema)).toEqual([]);
  });

  it('reports an unknown variable with its path', () => {
    expect(check({ and: [true, { '==': [{ var: 'customer.sgment' }, 'VIP'] }] }, schema)).toEqual([
      expect.objectContaining({ code: 'var.unknown', path: 'and[1].==[0].var' }),
    ]);
  });

  it('reports comparing a date with a number', () => {
    const problems = check({ '>': [{ var: 'customer.birthDate' }, 18] }, schema);
    expect(problems).toEqual([expect.objectContaining({ code: 'type.mismatch', path: '>' })]);
    expect(problems[0]!.message['zh-CN']).toContain('date');
  });

  it('accepts a date literal compared with a date variable', () => {
    expect(check({ '<': [{ var: 'customer.birthDate' }, '2000-01-01'] }, schema)).toEqual([]);
  });

  it('reports unknown operators and forbidden paths', () => {
    expect(check({ or: [{ frob: 1 }, { var: 'customer.__proto__' }] }, schema).map((problem) => problem.code)).toEqual([
      'operator.unknown',
      'var.forbidden',
    ]);
  });

  it('checks variables inside map and filter against the rows of the array', () => {
    expect(check({ filter: [{ var: 'accounts' }, { '>': [{ var: 'balance' }, 0] }] }, schema)).toEqual([]);
    expect(check({ some: [{ var: 'accounts' }, { '==': [{ var: 'kind' }, 'loan'] }] }, schema)).toEqual([
      expect.objectContaining({ code: 'var.unknown', path: 'some[1].==[0].var' }),
    ]);
    expect(check({ reduce: [{ var: 'accounts' }, { '+': [{ var: 'accumulator' }, { var: 'current.balance' }] }, 0] }, schema)).toEqual([]);
  });

  it('accepts any path below an untyped object and array indexes into rows', () => {
    expect(check({ var: 'customer.profile.anything.below' }, schema)).toEqual([]);
    expect(check({ var: 'accounts.0.balance' }, schema)).toEqual([]);
    expect(check({ var: 'accounts.0.colour' }, schema)).toEqual([expect.objectContaining({ code: 'var.unknown' })]);
  });
});

describe('check of bank operations', () => {
  it('reports arguments of the wrong kind, with the argument path', () => {
    expect(check({ 'money+': [{ var: 'customer.aum' }, { var: 'customer.active' }] }, schema)).toEqual([
      expect.objectContaining({ code: 'type.mismatch', path: 'money+[1]' }),
    ]);
    expect(check({ addDays: [{ var: 'customer.age' }, 3] }, schema)).toEqual([expect.objectContaining({ code: 'type.mismatch', path: 'addDays[0]' })]);
  });

  it('knows what bank operations return', () => {
    expect(check({ '>': [{ addDays: [{ var: 'customer.birthDate' }, 3] }, 5] }, schema)).toEqual([expect.objectContaining({ code: 'type.mismatch', path: '>' })]);
    expect(check({ '>=': [{ age: { var: 'customer.birthDate' } }, 18] }, schema)).toEqual([]);
    expect(check({ 'money>=': [{ sum: [{ var: 'accounts' }, 'balance'] }, '1000'] }, schema)).toEqual([]);
  });

  it('checks the per-row rule of count against the rows', () => {
    expect(check({ count: [{ var: 'accounts' }, { '==': [{ var: 'typ' }, 'loan'] }] }, schema)).toEqual([
      expect.objectContaining({ code: 'var.unknown', path: 'count[1].==[0].var' }),
    ]);
  });

  it('reports wrong argument counts of bank operations', () => {
    expect(check({ daysBetween: ['2026-01-01'] }, schema)).toEqual([expect.objectContaining({ code: 'operator.arity', path: 'daysBetween' })]);
  });
});
