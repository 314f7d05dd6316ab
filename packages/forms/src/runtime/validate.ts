import { localize, truthy, type Locale, type RuleContext } from '@tessera/rules';
import type { ValidateFunction } from 'ajv';
import type { FieldPlan, FormPlan } from '../compile/field-plan';
import type { Permission } from '../definition/types';
import { dataError, type DataError } from '../errors/data-error';
import { inFormOrder } from '../errors/error-order';
import type { ValueCheckEnvironment } from '../field-types/spec';
import type { Audience, PermissionView } from '../permissions/resolve-permission';
import { mapAjvErrors } from '../submission/ajv-errors';
import { businessDate } from '../values/calendar';
import { holds, isPlainObject } from './conditions';
import { isOffered, optionsOf } from './options';
import { resolve } from './resolve';

export interface ValidationContext extends Audience {
  now?: string | Date;
  locale?: Locale;
}

export interface ValidationResult {
  valid: boolean;
  errors: DataError[];
  /** The data as it should be stored: empty values dropped, hidden fields stripped, computed fields filled. */
  data: Record<string, unknown>;
}

interface Run {
  context: RuleContext;
  /** For value checks: `now` as its business date, worked out once rather than per value. */
  environment: ValueCheckEnvironment;
  locale: Locale;
  errors: DataError[];
  failedPaths: Set<string> | undefined;
}

function ruleError(run: Run, field: FieldPlan, path: string, error: unknown): void {
  const detail = error instanceof Error ? ((error as { messages?: Record<Locale, string> }).messages?.[run.locale] ?? error.message) : String(error);
  run.errors.push(dataError('rule.error', path, field.label, run.locale, { detail }));
}

/** Paths are only spelt out when an error needs one (no closures in this hot path). */
function fieldPath(field: FieldPlan, rowIndex: number): string {
  return rowIndex < 0 ? field.key : `${field.parentPath}[${rowIndex}].${field.key}`;
}

/**
 * Checks one field's value against what JSON Schema cannot say. Requiredness (and a subform's
 * minimum rows) only binds a field the audience can write and that is not read-only: nobody is
 * asked to fill in what they cannot touch. Value rules bind every value present.
 */
function checkValue(run: Run, field: FieldPlan, value: unknown, scope: unknown, permission: Permission, rowIndex: number): void {
  const { context } = run;
  try {
    const minRows = field.definition.minRows;
    const empty = field.spec.isEmpty
      ? field.spec.isEmpty(value, field.definition)
      : value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
    const short = field.rows !== undefined && minRows !== undefined && (Array.isArray(value) ? value.length : 0) < minRows;
    if (empty || short) {
      // Fixed conditions are tested in place: this runs for every field of every row.
      const wanted = short || field.required === true || (field.required !== false && holds(field.required, scope, context));
      if (wanted && permission === 'write' && field.readonly !== true && (field.readonly === false || !holds(field.readonly, scope, context))) {
        const path = fieldPath(field, rowIndex);
        run.errors.push(short ? dataError('subform.minRows', path, field.label, run.locale, { minRows }) : dataError('required', path, field.label, run.locale));
      }
      if (empty) return;
    }
    if (run.failedPaths !== undefined && run.failedPaths.has(fieldPath(field, rowIndex))) return;
    const failure = field.spec.check?.(value, field.definition, run.environment);
    if (failure) {
      run.errors.push(dataError(failure.code, fieldPath(field, rowIndex), field.label, run.locale, failure.params));
      return;
    }
    if (field.optionsRule && !isOffered(value, optionsOf(field, scope, context))) {
      run.errors.push(dataError('option.invalid', fieldPath(field, rowIndex), field.label, run.locale));
      return;
    }
    for (const validation of field.validations) {
      if (!truthy(validation.rule(scope, context))) {
        run.errors.push({ path: fieldPath(field, rowIndex), code: validation.code, message: localize(validation.message, run.locale) });
        return;
      }
    }
  } catch (error) {
    if (run.failedPaths === undefined) ruleError(run, field, fieldPath(field, rowIndex), error);
  }
}

function checkRows(run: Run, subform: FieldPlan, rows: unknown[], data: Record<string, unknown>, visibility: Uint8Array | undefined, permissions: Permission[]): void {
  const rowPlan = subform.rows!;
  const width = rowPlan.fields.length;
  const scope: Record<string, unknown> = { ...data, row: undefined, rowIndex: 0 };
  for (let index = 0; index < rows.length; index += 1) {
    const row = rows[index];
    if (!isPlainObject(row)) continue;
    scope.row = row;
    scope.rowIndex = index;
    for (const field of rowPlan.fields) {
      if (!field.spec.hasValue || (visibility !== undefined && visibility[index * width + field.index] === 0)) continue;
      checkValue(run, field, row[field.key], scope, permissions[field.index]!, index);
    }
  }
}

/** Validates a submission: resolution, then ajv (compiled once per form), then the rule-based checks. */
export function validateSubmission(
  plan: FormPlan,
  validator: ValidateFunction,
  permissionsFor: (audience: Audience) => PermissionView,
  input: unknown,
  options: ValidationContext = {},
): ValidationResult {
  const locale = options.locale ?? 'zh-CN';
  if (!isPlainObject(input)) return { valid: false, errors: [dataError('data.type', '', undefined, locale)], data: {} };
  const context: RuleContext = { now: options.now };
  const resolution = resolve(plan, input, context);
  const { data } = resolution;
  const environment = { now: options.now, today: options.now === undefined ? undefined : businessDate(options.now) };
  const run: Run = { context, environment, locale, errors: [], failedPaths: undefined };
  if (!validator(data)) {
    run.failedPaths = new Set();
    mapAjvErrors(validator.errors ?? [], plan, locale, run.errors, run.failedPaths);
  } else {
    // On malformed data rules fail for want of proper values; the data's errors say it better.
    for (const failure of resolution.failures) ruleError(run, failure.field, failure.path, failure.error);
  }
  const permissions = permissionsFor(options);
  for (const field of plan.fields) {
    if (!field.spec.hasValue || resolution.visible[field.index] === 0) continue;
    const value = data[field.key];
    checkValue(run, field, value, data, permissions.fields[field.index]!, -1);
    if (field.rows && Array.isArray(value)) {
      checkRows(run, field, value, data, resolution.rowVisible[field.index], permissions.rows[field.index]!);
    }
  }
  return { valid: run.errors.length === 0, errors: inFormOrder(plan, run.errors), data };
}
