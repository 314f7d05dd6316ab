import type { FieldPlan, FormPlan } from '../compile/field-plan';
import type { FieldMask, Permission } from '../definition/types';
import { maskValue } from '../masking/mask-value';
import { isPlainObject } from '../runtime/conditions';
import { rolesOf, type Audience, type PermissionView } from './resolve-permission';

/** Whether this audience reads the field masked: readers are, writers (who must edit it) and exempt roles are not. */
export function isMasked(mask: FieldMask | undefined, permission: Permission, audience: Audience): mask is FieldMask {
  if (mask === undefined || permission !== 'read') return false;
  const exempt = mask.unmaskedRoles;
  return !(exempt && rolesOf(audience).some((role) => exempt.includes(role)));
}

function projectValue(field: FieldPlan, value: unknown, permission: Permission, audience: Audience): unknown {
  return isMasked(field.mask, permission, audience) ? maskValue(value, field.mask) : value;
}

/**
 * What an audience may see of stored data: fields hidden from it left out, masks applied to what
 * it may only read, and anything the form does not define dropped.
 */
export function projectData(plan: FormPlan, permissionsFor: (audience: Audience) => PermissionView, data: unknown, audience: Audience): Record<string, unknown> {
  const projected: Record<string, unknown> = {};
  if (!isPlainObject(data)) return projected;
  const permissions = permissionsFor(audience);
  for (const field of plan.fields) {
    const permission = permissions.fields[field.index]!;
    const value = data[field.key];
    if (permission === 'hidden' || value === undefined || !field.spec.hasValue) continue;
    if (!field.rows || !Array.isArray(value)) {
      projected[field.key] = projectValue(field, value, permission, audience);
      continue;
    }
    const rowPermissions = permissions.rows[field.index]!;
    projected[field.key] = value.map((row) => {
      if (!isPlainObject(row)) return row;
      const out: Record<string, unknown> = {};
      for (const rowField of field.rows!.fields) {
        const rowPermission = rowPermissions[rowField.index]!;
        if (rowPermission === 'hidden' || row[rowField.key] === undefined) continue;
        out[rowField.key] = projectValue(rowField, row[rowField.key], rowPermission, audience);
      }
      return out;
    });
  }
  return projected;
}
