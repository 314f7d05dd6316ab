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
 * values that are already final. `visible` holds each field's visibility (rows: per row).
 */
export interface Resolution {
  data: Record<string, unknown>;
  visible: Uint8Array;
  rowVisible: Array<Uint8Array[] | undefined>;
  failures: RuleFailure[];
}

function asRuleError(error: unknown): RuleError {
  if (error instanceof RuleError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new RuleError('rule.runtime', '', { 'zh-CN': detail, en: detail });
}

function copyFilled(input: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in input) {
    if (!Object.hasOwn(input, key)) continue;
    const value = input[key];
    if (value !== null && value !== '') copy[key] = value;
  }
  return copy;
}

function withoutUndefined(data: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key in data) if (data[key] !== undefined) copy[key] = data[key];
  return copy;
}

/** Resolves one field in `target` (the data or a row), reading rules against `scope`. */
function resolveField(
  field: FieldPlan,
  target: Record<string, unknown>,
  scope: unknown,
  context: RuleContext,
  failures: RuleFailure[],
  path: () => string,
): boolean {
  let visible = true;
  try {
    visible = holds(field.visible, scope, context);
  } catch (error) {
    failures.push({ path: path(), field, error: asRuleError(error) });
  }
  if (!visible) {
    if (target[field.key] !== undefined) target[field.key] = undefined;
    return false;
  }
  if (field.computed) {
    try {
      target[field.key] = coerceComputed(field.computed(scope, context), field.definition);
    } catch (error) {
      target[field.key] = undefined;
      failures.push({ path: path(), field, error: asRuleError(error) });
    }
  }
  return true;
}

function resolveRows(
  subform: FieldPlan,
  rows: RowPlan,
  data: Record<string, unknown>,
  context: RuleContext,
  failures: RuleFailure[],
): Uint8Array[] | undefined {
  const input = data[subform.key];
  if (!Array.isArray(input)) return undefined;
  const scope: Record<string, unknown> = { ...data, row: undefined, rowIndex: 0 };
  const output = new Array<unknown>(input.length);
  const visibility = new Array<Uint8Array>(input.length);
  for (let index = 0; index < input.length; index += 1) {
    const raw = input[index];
    const flags = new Uint8Array(rows.fields.length);
    visibility[index] = flags;
    if (!isPlainObject(raw)) {
      output[index] = raw;
      continue;
    }
    const row = copyFilled(raw);
    scope.row = row;
    scope.rowIndex = index;
    let stripped = false;
    for (const field of rows.order) {
      const visible = resolveField(field, row, scope, context, failures, () => `${subform.key}[${index}].${field.key}`);
      flags[field.index] = visible ? 1 : 0;
      if (!visible) stripped = true;
    }
    output[index] = stripped ? withoutUndefined(row) : row;
  }
  data[subform.key] = output;
  return visibility;
}

export function resolve(plan: FormPlan, input: Record<string, unknown>, context: RuleContext): Resolution {
  const data = copyFilled(input);
  const visible = new Uint8Array(plan.fields.length);
  const rowVisible = new Array<Uint8Array[] | undefined>(plan.fields.length);
  const failures: RuleFailure[] = [];
  let stripped = false;
  for (const field of plan.order) {
    const shown = resolveField(field, data, data, context, failures, () => field.key);
    visible[field.index] = shown ? 1 : 0;
    if (!shown) stripped = true;
    else if (field.rows) rowVisible[field.index] = resolveRows(field, field.rows, data, context, failures);
  }
  return { data: stripped ? withoutUndefined(data) : data, visible, rowVisible, failures };
}
