import { RuleError, type RuleContext } from '@tessera/rules';
import type { FieldPlan, FormPlan, RowPlan } from '../compile/field-plan';
import { coerceComputed } from './computed-value';
import { holds, isPlainObject } from './conditions';

/** A rule that threw while deciding a field's visibility or value. */
export interface RuleFailure {
  path: string;
  field: FieldPlan;
  error: RuleError;
}

/**
 * Submitted data made definite: empty values (`null`, `""`) dropped, fields hidden by their
 * visibility rule stripped, computed fields filled — in dependency order, so a rule only reads
 * values that are already final. The input is never changed; rows that needed no change are
 * shared with it, so treat the result as read-only. `visible` holds each top-level field's
 * visibility; `rowVisible[i]` a subform's, row after row (`row * rowFields + field`).
 */
export interface Resolution {
  data: Record<string, unknown>;
  visible: Uint8Array;
  rowVisible: Array<Uint8Array | undefined>;
  failures: RuleFailure[];
}

function asRuleError(error: unknown): RuleError {
  if (error instanceof RuleError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new RuleError('rule.runtime', '', { 'zh-CN': detail, en: detail });
}

function withoutUndefined(data: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in data) if (data[key] !== undefined) copy[key] = data[key];
  return copy;
}

function isBlank(value: unknown): boolean {
  return value === null || value === '';
}

function rowPath(subform: FieldPlan, index: number, field: FieldPlan): string {
  return `${subform.key}[${index}].${field.key}`;
}

function resolveRows(
  subform: FieldPlan,
  rows: RowPlan,
  data: Record<string, unknown>,
  context: RuleContext,
  failures: RuleFailure[],
): Uint8Array | undefined {
  const input = data[subform.key];
  if (!Array.isArray(input)) return undefined;
  const scope: Record<string, unknown> = { ...data, row: undefined, rowIndex: 0 };
  const width = rows.fields.length;
  const output = new Array<unknown>(input.length);
  const visibility = new Uint8Array(input.length * width);
  for (let index = 0; index < input.length; index += 1) {
    const raw = input[index];
    if (!isPlainObject(raw)) {
      output[index] = raw;
      continue;
    }
    // Copy on first change: most rows need none.
    let row = raw;
    let sparse = false;
    for (const key in raw) {
      if (!isBlank(raw[key])) continue;
      if (row === raw) row = { ...raw };
      row[key] = undefined;
      sparse = true;
    }
    scope.row = row;
    scope.rowIndex = index;
    for (const field of rows.order) {
      let visible = true;
      try {
        visible = field.visible === true || (field.visible !== false && holds(field.visible, scope, context));
      } catch (error) {
        failures.push({ path: rowPath(subform, index, field), field, error: asRuleError(error) });
      }
      if (visible) visibility[index * width + field.index] = 1;
      if (!visible) {
        if (row[field.key] === undefined) continue;
        if (row === raw) scope.row = row = { ...raw };
        row[field.key] = undefined;
        sparse = true;
      } else if (field.computed) {
        if (row === raw) scope.row = row = { ...raw };
        try {
          row[field.key] = coerceComputed(field.computed(scope, context), field.definition);
        } catch (error) {
          row[field.key] = undefined;
          failures.push({ path: rowPath(subform, index, field), field, error: asRuleError(error) });
        }
        if (row[field.key] === undefined) sparse = true;
      }
    }
    output[index] = sparse ? withoutUndefined(row) : row;
  }
  data[subform.key] = output;
  return visibility;
}

export function resolve(plan: FormPlan, input: Record<string, unknown>, context: RuleContext): Resolution {
  const data: Record<string, unknown> = { ...input };
  let sparse = false;
  for (const field of plan.fields) {
    if (!isBlank(data[field.key])) continue;
    data[field.key] = undefined;
    sparse = true;
  }
  const visible = new Uint8Array(plan.fields.length);
  const rowVisible = new Array<Uint8Array | undefined>(plan.fields.length);
  const failures: RuleFailure[] = [];
  for (const field of plan.order) {
    let shown = true;
    try {
      shown = holds(field.visible, data, context);
    } catch (error) {
      failures.push({ path: field.key, field, error: asRuleError(error) });
    }
    if (!shown) {
      if (data[field.key] !== undefined) {
        data[field.key] = undefined;
        sparse = true;
      }
      continue;
    }
    visible[field.index] = 1;
    if (field.computed) {
      try {
        data[field.key] = coerceComputed(field.computed(data, context), field.definition);
      } catch (error) {
        data[field.key] = undefined;
        failures.push({ path: field.key, field, error: asRuleError(error) });
      }
      if (data[field.key] === undefined) sparse = true;
    }
    if (field.rows) rowVisible[field.index] = resolveRows(field, field.rows, data, context, failures);
  }
  return { data: sparse ? withoutUndefined(data) : data, visible, rowVisible, failures };
}
