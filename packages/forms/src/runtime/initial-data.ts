import type { RuleContext } from '@tessera/rules';
import type { FieldPlan, FormPlan } from '../compile/field-plan';
import { isPlainObject } from './conditions';

function defaultOf(field: FieldPlan, scope: unknown, context: RuleContext): unknown {
  if (field.defaultRule) {
    try {
      return field.defaultRule(scope, context) ?? undefined;
    } catch {
      return undefined;
    }
  }
  return field.definition.default === undefined ? undefined : structuredClone(field.definition.default);
}

function newRow(subform: FieldPlan, data: Record<string, unknown>, index: number, context: RuleContext): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const scope = { ...data, row, rowIndex: index };
  for (const field of subform.rows!.fields) {
    const value = defaultOf(field, scope, context);
    if (value !== undefined) row[field.key] = value;
  }
  return row;
}

/**
 * The data a new record starts with: `values` given (e.g. from the process), then each missing
 * field's default (a value, or a rule over what is already there, in definition order), and the
 * minimum number of subform rows with their row defaults.
 */
export function initialData(plan: FormPlan, values: unknown, context: RuleContext): Record<string, unknown> {
  const data: Record<string, unknown> = isPlainObject(values) ? { ...values } : {};
  for (const field of plan.fields) {
    const given = data[field.key];
    if (!field.spec.hasValue || field.type === 'computed' || (given !== undefined && given !== null && given !== '')) continue;
    if (field.rows) {
      const rows = Array.from({ length: field.definition.minRows ?? 0 }, (_, index) => newRow(field, data, index, context));
      if (rows.length > 0) data[field.key] = rows;
      continue;
    }
    const value = defaultOf(field, data, context);
    if (value !== undefined) data[field.key] = value;
  }
  return data;
}
