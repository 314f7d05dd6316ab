import { readCondition, writeCondition } from './condition-expression';

describe('sequence-flow conditions in the properties panel', () => {
  it('reads JSON-logic bodies as rules and writes them back with their language', () => {
    const rule = { '>': [{ var: 'amount' }, 500000] };
    expect(readCondition({ body: JSON.stringify(rule), language: 'json-logic' })).toEqual({ kind: 'rule', rule });
    expect(readCondition({ body: ' {"==":[{"var":"a"},1]} ' })).toEqual({ kind: 'rule', rule: { '==': [{ var: 'a' }, 1] } });
    expect(writeCondition({ kind: 'rule', rule })).toEqual({ body: '{">":[{"var":"amount"},500000]}', language: 'json-logic' });
  });

  it('keeps JUEL expressions and unreadable JSON as text', () => {
    expect(readCondition({ body: '${amount > 500000}' })).toEqual({ kind: 'text', text: '${amount > 500000}' });
    expect(readCondition({ body: '{broken', language: 'json-logic' })).toEqual({ kind: 'text', text: '{broken' });
    expect(writeCondition({ kind: 'text', text: ' ${approved} ' })).toEqual({ body: '${approved}' });
  });

  it('treats an absent or blank condition as none, and removes it when none is chosen', () => {
    expect(readCondition(undefined)).toEqual({ kind: 'none' });
    expect(readCondition({ body: '  ' })).toEqual({ kind: 'none' });
    expect(writeCondition({ kind: 'none' })).toBeNull();
    expect(writeCondition({ kind: 'text', text: '' })).toBeNull();
  });
});
