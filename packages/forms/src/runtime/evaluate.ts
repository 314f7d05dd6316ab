import type { Locale, RuleContext } from '@tessera/rules';
import type { FieldPlan, FormPlan } from '../compile/field-plan';
import type { OptionDefinition, Permission } from '../definition/types';
import { dataError, type DataError } from '../errors/data-error';
import type { Audience, PermissionView } from '../permissions/resolve-permission';
import { toChineseCapitals } from '../values/chinese-capitals';
import { isDecimalString } from '../values/money';
import { parseResidentId, type ResidentIdInfo } from '../values/resident-id';
import { holds, isPlainObject } from './conditions';
import { optionsOf } from './options';
import { resolve } from './resolve';

export interface EvaluationContext extends Audience {
  now?: string | Date;
  locale?: Locale;
}

/**
 * A field as the renderer should show it to this audience: `visible` and `readonly` already
 * include the audience's permission; `required` only for what the audience must fill in.
 */
export interface FieldState {
  visible: boolean;
  required: boolean;
  readonly: boolean;
  permission: Permission;
  options?: OptionDefinition[];
  /** A money amount in Chinese capitals (大写), shown beside the figure. */
  capitals?: string;
  /** What a valid resident ID number says: birth date, sex and (with `now`) age. */
  residentId?: ResidentIdInfo;
  /** A rule of the field that could not be evaluated. */
  error?: DataError;
}

export interface FormState {
  /** Data with hidden fields stripped and computed fields filled. */
  data: Record<string, unknown>;
  /** By path: `amount`, `guarantors[0].name`. */
  fields: Record<string, FieldState>;
}

function stateOf(field: FieldPlan, value: unknown, visible: boolean, permission: Permission, scope: unknown, run: { context: RuleContext; locale: Locale }, path: string): FieldState {
  const state: FieldState = { visible: visible && permission !== 'hidden', required: false, readonly: permission !== 'write', permission };
  try {
    if (!holds(field.readonly, scope, run.context)) {
      if (state.visible && !state.readonly) state.required = holds(field.required, scope, run.context);
    } else {
      state.readonly = true;
    }
    if (state.visible && (field.definition.options || field.optionsRule)) state.options = optionsOf(field, scope, run.context);
  } catch (error) {
    state.error = dataError('rule.error', path, field.label, run.locale, { detail: error instanceof Error ? error.message : String(error) });
  }
  const isMoney = field.type === 'money' || (field.type === 'computed' && field.definition.resultType === 'money');
  if (state.visible && isMoney && isDecimalString(value)) {
    try {
      state.capitals = toChineseCapitals(value);
    } catch {
      // Amounts past 万亿 have no capitals; the figure stands alone.
    }
  }
  if (state.visible && field.type === 'residentId') {
    const info = parseResidentId(value, run.context.now);
    if (info) state.residentId = info;
  }
  return state;
}

export function evaluateForm(plan: FormPlan, permissionsFor: (audience: Audience) => PermissionView, input: unknown, options: EvaluationContext = {}): FormState {
  const run = { context: { now: options.now } as RuleContext, locale: options.locale ?? 'zh-CN' };
  const resolution = resolve(plan, isPlainObject(input) ? input : {}, run.context);
  const { data } = resolution;
  const permissions = permissionsFor(options);
  const fields: Record<string, FieldState> = {};
  for (const field of plan.fields) {
    const permission = permissions.fields[field.index]!;
    const value = data[field.key];
    fields[field.key] = stateOf(field, value, resolution.visible[field.index] === 1, permission, data, run, field.key);
    const rows = field.rows;
    if (!rows || !Array.isArray(value)) continue;
    const scope: Record<string, unknown> = { ...data, row: undefined, rowIndex: 0 };
    value.forEach((row, index) => {
      if (!isPlainObject(row)) return;
      scope.row = row;
      scope.rowIndex = index;
      for (const rowField of rows.fields) {
        const path = `${field.key}[${index}].${rowField.key}`;
        const shown = resolution.rowVisible[field.index]?.[index * rows.fields.length + rowField.index] === 1;
        fields[path] = stateOf(rowField, row[rowField.key], shown, permissions.rows[field.index]![rowField.index]!, scope, run, path);
      }
    });
  }
  for (const failure of resolution.failures) {
    const state = fields[failure.path];
    if (state) state.error = dataError('rule.error', failure.path, failure.field.label, run.locale, { detail: failure.error.messages[run.locale] });
  }
  return { data, fields };
}
