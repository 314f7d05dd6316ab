import { compileForm } from '@tessera/forms';
import type { FormDefinition } from '@tessera/ui';
import type { AuditEntry } from '../../api/records';
import { auditSteps } from './audit-diff';

const form = compileForm({
  key: 'complaint',
  version: 1,
  title: { 'zh-CN': '投诉', en: 'Complaint' },
  permissions: { default: 'hidden', roles: { supervisor: 'write', complaint_handler: 'write', account_manager: 'read' } },
  fields: [
    { key: 'customerName', type: 'text', label: { 'zh-CN': '投诉人', en: 'Complainant' } },
    { key: 'mobile', type: 'mobile', label: { 'zh-CN': '联系电话', en: 'Mobile' }, mask: 'mobile' },
    { key: 'rootCause', type: 'text', label: { 'zh-CN': '根因', en: 'Root cause' }, permissions: { roles: { complaint_handler: 'hidden' } } },
  ],
} as unknown as FormDefinition);

const entry = (before: unknown, after: unknown): AuditEntry => ({
  seq: 1,
  id: 'a-1',
  at: '2026-11-23T10:00:00Z',
  actor: 'u-1',
  action: 'record.update',
  entityType: 'record:complaint',
  entityId: 'r-1',
  before,
  after,
});

describe('a record’s audit history for one reader', () => {
  it('lists each changed field with its before and after values', () => {
    const [step] = auditSteps([entry({ customerName: '张伟' }, { customerName: '张伟伟' })], form, ['supervisor']);
    expect(step!.changes.map((change) => [change.field.key, change.before, change.after])).toEqual([['customerName', '张伟', '张伟伟']]);
    expect(step!.hiddenChanges).toBe(0);
  });

  it('keeps masked values masked for a reader who sees them masked', () => {
    const [step] = auditSteps([entry({ mobile: '13812345678' }, { mobile: '13987654321' })], form, ['account_manager']);
    expect(step!.changes[0]).toMatchObject({ before: '138****5678', after: '139****4321' });
  });

  it('counts changes of fields the reader may not see without showing them', () => {
    const [step] = auditSteps([entry({ rootCause: 'system' }, { rootCause: 'staff', customerName: '李' })], form, ['complaint_handler']);
    expect(step!.changes.map((change) => change.field.key)).toEqual(['customerName']);
    expect(step!.hiddenChanges).toBe(1);
    expect(JSON.stringify(step!.changes)).not.toContain('staff');
  });

  it('shows a created record’s values as after-only', () => {
    const [step] = auditSteps([{ ...entry(null, { customerName: '王', $tags: ['vip'] }), action: 'record.create' }], form, ['supervisor']);
    expect(step!.changes).toEqual([expect.objectContaining({ before: undefined, after: '王' })]);
  });
});
