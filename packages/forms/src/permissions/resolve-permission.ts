import type { FormPlan } from '../compile/field-plan';
import type { Permission, PermissionTable } from '../definition/types';

/** Who is asking: role keys (several when a user holds several roles) and the BPMN user task, if any. */
export interface Audience {
  role?: string | readonly string[];
  step?: string;
}

const RANK: Record<Permission, number> = { hidden: 0, read: 1, write: 2 };

function entry(table: Record<string, Permission> | undefined, name: string): Permission | undefined {
  return table !== undefined && Object.hasOwn(table, name) ? table[name] : undefined;
}

export function rolesOf(audience: Audience): readonly string[] {
  if (audience.role === undefined) return [];
  return typeof audience.role === 'string' ? [audience.role] : audience.role;
}

function byRoles(field: PermissionTable | undefined, form: PermissionTable | undefined, roles: readonly string[]): Permission | undefined {
  let best: Permission | undefined;
  for (const role of roles) {
    const found = entry(field?.roles, role) ?? entry(form?.roles, role);
    if (found !== undefined && (best === undefined || RANK[found] > RANK[best])) best = found;
  }
  return best;
}

/**
 * A field's permission for an audience: the step's entry wins over the roles' entries, which win
 * over the default; at each level the field's own table wins over the form's. With several roles
 * the most generous entry counts. Without any entry a field is writable.
 */
export function resolvePermission(field: PermissionTable | undefined, form: PermissionTable | undefined, audience: Audience): Permission {
  if (audience.step !== undefined) {
    const byStep = entry(field?.steps, audience.step) ?? entry(form?.steps, audience.step);
    if (byStep !== undefined) return byStep;
  }
  return byRoles(field, form, rolesOf(audience)) ?? field?.default ?? form?.default ?? 'write';
}

/** A row field never exceeds its subform: its own entries may only narrow the subform's permission. */
export function resolveRowPermission(field: PermissionTable | undefined, parent: Permission, audience: Audience): Permission {
  if (field === undefined) return parent;
  const own = resolvePermissionOrUndefined(field, audience);
  return own !== undefined && RANK[own] < RANK[parent] ? own : parent;
}

function resolvePermissionOrUndefined(field: PermissionTable, audience: Audience): Permission | undefined {
  if (audience.step !== undefined) {
    const byStep = entry(field.steps, audience.step);
    if (byStep !== undefined) return byStep;
  }
  return byRoles(field, undefined, rolesOf(audience)) ?? field.default;
}

export interface PermissionView {
  /** By top-level field index. */
  fields: Permission[];
  /** By top-level field index, for subforms: by row field index. */
  rows: Array<Permission[] | undefined>;
}

const MAX_CACHED_AUDIENCES = 256;

/** Permissions of every field for an audience, computed once per (roles, step) and kept. */
export function permissionResolver(plan: FormPlan): (audience: Audience) => PermissionView {
  const cache = new Map<string, PermissionView>();
  return (audience) => {
    const key = `${audience.step ?? ''}\u0000${rolesOf(audience).join('\u0000')}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const fields = plan.fields.map((field) => resolvePermission(field.permissions, plan.permissions, audience));
    const rows = plan.fields.map((field, index) =>
      field.rows ? field.rows.fields.map((row) => resolveRowPermission(row.permissions, fields[index]!, audience)) : undefined,
    );
    const view = { fields, rows };
    if (cache.size < MAX_CACHED_AUDIENCES) cache.set(key, view);
    return view;
  };
}
