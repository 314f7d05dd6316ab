import type { AuthenticatedUser } from '../auth/authenticated-user';

/** Roles that see every instance and task. */
export const OVERSEERS = ['admin', 'supervisor'];

export function isOverseer(user: AuthenticatedUser): boolean {
  return OVERSEERS.some((role) => user.roles.includes(role));
}

/**
 * SQL that is true when the user takes part in the instance aliased `instance`: started it, holds
 * or held one of its tasks, or is (or was) a candidate of one by name or role. `$u`, `$r` and `$ar`
 * stand for the parameter numbers of the username, the global roles and the `app:role` list.
 */
export function participantSql(u: number, r: number, ar: number): string {
  return `(instance.started_by = $${u}::text OR EXISTS (
    SELECT 1 FROM task t WHERE t.instance_id = instance.id AND (
      $${u}::text IN (t.assignee, t.owner, t.completed_by) OR $${u}::text = ANY(t.candidate_users) OR t.candidate_roles && $${r}::text[]
      OR EXISTS (SELECT 1 FROM unnest(t.candidate_roles) AS role WHERE t.app_key || ':' || role = ANY($${ar}::text[])))))`;
}

export function participantParams(user: AuthenticatedUser): [string, string[], string[]] {
  const appRoles = Object.entries(user.appRoles).flatMap(([appKey, roles]) => roles.map((role) => `${appKey}:${role}`));
  return [user.username, user.roles, appRoles];
}
