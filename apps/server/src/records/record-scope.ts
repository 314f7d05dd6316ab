import type { EntityManager } from 'typeorm';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import { GLOBAL_APP } from '../users/user-role.entity';

export type RecordScope = 'own' | 'department' | 'all';

const BREADTH: Record<RecordScope, number> = { own: 0, department: 1, all: 2 };

/**
 * The widest scope any of the user's roles grants in the app. An app's own entry for a role wins
 * over the global one; a role without an entry sees its own records only.
 */
export async function scopeOf(manager: EntityManager, user: AuthenticatedUser, appKey: string): Promise<RecordScope> {
  const roles = rolesIn(user, appKey);
  if (!roles.length) return 'own';
  const rows = (await manager.query(
    `SELECT app_key, role, scope FROM role_record_scope WHERE role = ANY($1::text[]) AND app_key IN ($2, $3)`,
    [roles, GLOBAL_APP, appKey],
  )) as { app_key: string; role: string; scope: RecordScope }[];
  let widest: RecordScope = 'own';
  for (const role of roles) {
    const entry =
      rows.find((row) => row.role === role && row.app_key === appKey) ??
      rows.find((row) => row.role === role && row.app_key === GLOBAL_APP);
    if (entry && BREADTH[entry.scope] > BREADTH[widest]) widest = entry.scope;
  }
  return widest;
}

/** A SQL condition (with its values appended to `values`) limiting `record` rows to a scope. */
export function scopeCondition(scope: RecordScope, user: AuthenticatedUser, values: unknown[]): string {
  if (scope === 'all') return 'TRUE';
  if (scope === 'department' && user.departmentId) return `department_id = $${values.push(user.departmentId)}`;
  return `owner_id = $${values.push(user.id)}`;
}

/** The same condition over the list query's alias `t`, its values added to `parameters`. */
export function scopeSql(
  scope: RecordScope,
  user: AuthenticatedUser,
  parameters: { add(value: unknown, cast?: string): string },
): string {
  if (scope === 'all') return 'TRUE';
  if (scope === 'department' && user.departmentId)
    return `t.department_id = ${parameters.add(user.departmentId, 'text')}`;
  return `t.owner_id = ${parameters.add(user.id, 'text')}`;
}
