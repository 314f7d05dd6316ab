import { resolvePermission } from './resolve-permission';

const form = { default: 'read' as const, roles: { account_manager: 'write' as const }, steps: { Task_Review: 'read' as const } };

describe('resolving a field permission', () => {
  it('lets the step override the role, and the role override the default', () => {
    const field = { default: 'hidden' as const, roles: { credit_officer: 'read' as const }, steps: { Task_CreditReview: 'write' as const } };
    expect(resolvePermission(field, undefined, { role: 'credit_officer', step: 'Task_CreditReview' })).toBe('write');
    expect(resolvePermission(field, undefined, { role: 'credit_officer', step: 'Task_Other' })).toBe('read');
    expect(resolvePermission(field, undefined, { role: 'teller' })).toBe('hidden');
  });

  it('prefers the field’s own entry at each level, then the form’s', () => {
    expect(resolvePermission(undefined, form, { role: 'account_manager' })).toBe('write');
    expect(resolvePermission(undefined, form, { role: 'account_manager', step: 'Task_Review' })).toBe('read');
    expect(resolvePermission({ roles: { account_manager: 'hidden' } }, form, { role: 'account_manager' })).toBe('hidden');
    expect(resolvePermission({ roles: { account_manager: 'hidden' } }, form, { role: 'account_manager', step: 'Task_Review' })).toBe('read');
    expect(resolvePermission(undefined, form, { role: 'auditor' })).toBe('read');
  });

  it('makes a field writable when nothing is said about it', () => {
    expect(resolvePermission(undefined, undefined, {})).toBe('write');
  });

  it('grants the most generous entry among several roles', () => {
    const field = { roles: { credit_officer: 'read' as const, branch_manager: 'write' as const } };
    expect(resolvePermission(field, undefined, { role: ['credit_officer', 'branch_manager'] })).toBe('write');
  });

  it('does not take names every object answers to for role or step entries', () => {
    expect(resolvePermission({ default: 'hidden', roles: {} }, undefined, { role: 'constructor', step: 'toString' })).toBe('hidden');
  });
});
