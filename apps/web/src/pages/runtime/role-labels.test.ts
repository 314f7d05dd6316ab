import { roleLabel } from './role-labels';

describe('the label of a candidate role', () => {
  const manifest = [{ key: 'credit_officer', name: { 'zh-CN': '信贷员', en: 'Credit officer' } }];

  it('prefers the server’s labels, as a list or a map', () => {
    expect(roleLabel('supervisor', 'zh-CN', [{ key: 'supervisor', label: { 'zh-CN': '主管', en: 'Supervisor' } }])).toBe('主管');
    expect(roleLabel('supervisor', 'en', { supervisor: { 'zh-CN': '主管', en: 'Supervisor' } })).toBe('Supervisor');
  });

  it('falls back to the app manifest, then to the key', () => {
    expect(roleLabel('credit_officer', 'zh-CN', null, manifest)).toBe('信贷员');
    expect(roleLabel('credit_officer', 'en', [], manifest)).toBe('Credit officer');
    expect(roleLabel('auditor', 'zh-CN', null, manifest)).toBe('auditor');
  });

  it('takes a server label that only repeats the key as none, and knows the bank templates’ roles', () => {
    expect(roleLabel('credit_officer', 'zh-CN', [{ key: 'credit_officer', label: { 'zh-CN': 'credit_officer', en: 'credit_officer' } }])).toBe('信贷员');
    expect(roleLabel('supervisor', 'en', null, [])).toBe('Supervisor');
  });
});
