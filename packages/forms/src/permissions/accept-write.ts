import type { RuleContext } from '@tessera/rules';
import type { FieldPlan, FormPlan } from '../compile/field-plan';
import type { Permission } from '../definition/types';
import { maskValue } from '../masking/mask-value';
import { holds, isPlainObject } from '../runtime/conditions';
import { resolve } from '../runtime/resolve';
import { isMasked } from './project';
import type { Audience, PermissionView } from './resolve-permission';
import { sameValue } from './same-value';

export interface WriteContext extends Audience {
  now?: string | Date;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

function unchanged(next: unknown, previous: unknown): boolean {
  return sameValue(next, previous) || (isBlank(next) && isBlank(previous));
}

/** A reader sending back the masked value it was shown has not changed anything. */
function echoesMask(field: FieldPlan, permission: Permission, audience: Audience, next: unknown, previous: unknown): boolean {
  return isMasked(field.mask, permission, audience) && previous !== undefined && sameValue(next, maskValue(previous, field.mask));
}

/** A read-only rule that cannot be evaluated protects the field. */
function isReadonly(field: FieldPlan, scope: unknown, context: RuleContext): boolean {
  try {
    return holds(field.readonly, scope, context);
  } catch {
    return true;
  }
}

function isInput(field: FieldPlan): boolean {
  return field.spec.hasValue && field.computed === undefined && field.type !== 'computed';
}

/**
 * The paths of the fields a write would change although the audience may not: fields it may only
 * read or not see, and fields read-only by their rule (read on the new data, as the form would
 * show it). A field left out of `next` is not a change: the stored value stays. Computed fields
 * are recomputed anyway and never refused.
 */
export function refusedWrites(
  plan: FormPlan,
  permissionsFor: (audience: Audience) => PermissionView,
  previousInput: unknown,
  nextInput: unknown,
  options: WriteContext,
): string[] {
  const refused: string[] = [];
  const previous = isPlainObject(previousInput) ? previousInput : {};
  if (!isPlainObject(nextInput)) return refused;
  const context: RuleContext = { now: options.now };
  const scope = resolve(plan, nextInput, context).data;
  const permissions = permissionsFor(options);
  for (const field of plan.fields) {
    if (!isInput(field)) continue;
    const next = nextInput[field.key];
    if (next === undefined) continue;
    const before = previous[field.key];
    const permission = permissions.fields[field.index]!;
    const writable = permission === 'write' && !isReadonly(field, scope, context);
    if (field.rows && writable && Array.isArray(next)) {
      const beforeRows = Array.isArray(before) ? before : [];
      next.forEach((row, index) => {
        if (!isPlainObject(row)) return;
        const beforeRow = isPlainObject(beforeRows[index]) ? (beforeRows[index] as Record<string, unknown>) : undefined;
        refuseInRow(field, row, beforeRow, index, { ...scope, row, rowIndex: index }, permissions.rows[field.index]!, options, context, refused);
      });
      continue;
    }
    if (unchanged(next, before) || writable) continue;
    if (!echoesMask(field, permission, options, next, before)) refused.push(field.key);
  }
  return refused;
}

function refuseInRow(
  subform: FieldPlan,
  row: Record<string, unknown>,
  beforeRow: Record<string, unknown> | undefined,
  index: number,
  scope: unknown,
  permissions: Permission[],
  audience: Audience,
  context: RuleContext,
  refused: string[],
): void {
  for (const field of subform.rows!.fields) {
    if (!isInput(field)) continue;
    const next = row[field.key];
    if (next === undefined) continue;
    const before = beforeRow?.[field.key];
    if (unchanged(next, before)) continue;
    const permission = permissions[field.index]!;
    if (permission === 'write' && !isReadonly(field, scope, context)) continue;
    // A new row may carry the field's default, which the renderer fills in.
    if (beforeRow === undefined && sameValue(next, field.definition.default)) continue;
    if (!echoesMask(field, permission, audience, next, before)) refused.push(`${subform.key}[${index}].${field.key}`);
  }
}
