import { check, compile, type Rule } from '@tessera/rules';
import { compileForm } from '@tessera/forms';
import type { FormDefinition } from '@tessera/ui';
import { combineRules, describeRule, filterKindOf, filterRule } from './record-filter';

const form = {
  key: 'complaint',
  version: 1,
  title: { 'zh-CN': '投诉', en: 'Complaint' },
  fields: [
    { key: 'customerName', type: 'text', label: { 'zh-CN': '投诉人', en: 'Complainant' } },
    {
      key: 'severity',
      type: 'select',
      label: { 'zh-CN': '严重程度', en: 'Severity' },
      options: [
        { value: 'high', label: { 'zh-CN': '高', en: 'High' } },
        { value: 'low', label: { 'zh-CN': '低', en: 'Low' } },
      ],
    },
    { key: 'receivedAt', type: 'date', label: { 'zh-CN': '受理日期', en: 'Received' } },
    { key: 'compensation', type: 'money', label: { 'zh-CN': '补偿金额', en: 'Compensation' } },
    { key: 'attachments', type: 'attachment', label: { 'zh-CN': '附件', en: 'Attachments' } },
  ],
} as unknown as FormDefinition;

describe('record list filters', () => {
  const compiled = compileForm(form);

  it('offers options, ranges and text search by field type', () => {
    expect(form.fields.map(filterKindOf)).toEqual(['text', 'options', 'range', 'range', null]);
  });

  it('builds one JSON-logic rule the server’s checks accept and that selects the right records', () => {
    const rule = filterRule(form.fields, {
      severity: { kind: 'options', values: ['high'] },
      receivedAt: { kind: 'range', from: '2026-11-01', to: '2026-11-30' },
      compensation: { kind: 'range', from: '100' },
    });
    expect(rule).toEqual({
      and: [
        { '==': [{ var: 'severity' }, 'high'] },
        { '>=': [{ var: 'receivedAt' }, '2026-11-01'] },
        { '<=': [{ var: 'receivedAt' }, '2026-11-30'] },
        { 'money>=': [{ var: 'compensation' }, '100'] },
      ],
    });
    expect(check(rule as Rule, compiled.variableSchema).filter((problem) => problem.severity !== 'warning')).toEqual([]);
    const matches = compile(rule as Rule);
    expect(matches({ severity: 'high', receivedAt: '2026-11-23', compensation: '200.00' })).toBe(true);
    expect(matches({ severity: 'high', receivedAt: '2026-12-01', compensation: '200.00' })).toBe(false);
    expect(matches({ severity: 'low', receivedAt: '2026-11-23', compensation: '200.00' })).toBe(false);
  });

  it('sets no rule when nothing is picked, and joins the drill-down rule with the columns’', () => {
    expect(filterRule(form.fields, { severity: { kind: 'options', values: [] }, customerName: { kind: 'text', contains: ' ' } })).toBeUndefined();
    expect(combineRules(undefined, { '==': [{ var: 'severity' }, 'high'] })).toEqual({ '==': [{ var: 'severity' }, 'high'] });
    expect(combineRules({ a: 1 }, { b: 2 })).toEqual({ and: [{ a: 1 }, { b: 2 }] });
  });

  it('words a drill-down rule with field and option labels', () => {
    const rule = { and: [{ '==': [{ var: 'severity' }, 'high'] }, { in: [{ var: 'severity' }, ['high', 'low']] }, { '<=': ['2026-11-01', { var: 'receivedAt' }, '2026-11-30'] }] };
    expect(describeRule(rule, form.fields, 'zh-CN')).toBe('严重程度 = 高 且 严重程度 ∈ 高、低 且 2026-11-01 ≤ 受理日期 ≤ 2026-11-30');
    expect(describeRule({ in: ['张', { var: 'customerName' }] }, form.fields, 'en')).toBe('Complainant contains "张"');
    expect(describeRule({ map: [{ var: 'x' }, 1] }, form.fields, 'zh-CN')).toBeNull();
  });
});
