import { compileForm } from '../compile/compile-form';
import type { CompiledForm, FormFieldInfo } from '../compile/compiled-form';
import type { FormDefinition } from '../definition/types';
import { isPlainObject } from '../runtime/conditions';

export interface RetypedField {
  path: string;
  from: FormFieldInfo['type'];
  to: FormFieldInfo['type'];
}

export interface MigrationResult {
  /** The data shaped for the new version. */
  data: Record<string, unknown>;
  fromVersion: number;
  toVersion: number;
  /** Field paths (`amount`, `guarantors.name`) only the new version has. */
  added: string[];
  /** Field paths only the old version had; their values are dropped. */
  removed: string[];
  /** Fields whose type or value type changed; values the new type accepts are kept. */
  retyped: RetypedField[];
  /** Data paths (`guarantors[1].share`) of values dropped because the new type does not accept them. */
  dropped: string[];
}

function isCompiled(value: FormDefinition | CompiledForm): value is CompiledForm {
  return typeof (value as CompiledForm).validate === 'function';
}

function compiled(value: FormDefinition | CompiledForm): CompiledForm {
  return isCompiled(value) ? value : compileForm(value);
}

function sameShape(left: FormFieldInfo, right: FormFieldInfo): boolean {
  return left.type === right.type && left.valueType === right.valueType;
}

/**
 * Moves a record from one version of a form to another and reports what changed: fields added
 * (filled with their static default), removed (dropped), and retyped (kept if still acceptable).
 */
export function migrateData(data: unknown, fromDefinition: FormDefinition | CompiledForm, toDefinition: FormDefinition | CompiledForm): MigrationResult {
  const from = compiled(fromDefinition);
  const to = compiled(toDefinition);
  const before = new Map(from.fields.map((field) => [field.path, field]));
  const after = new Map(to.fields.map((field) => [field.path, field]));
  const result: MigrationResult = {
    data: {},
    fromVersion: from.version,
    toVersion: to.version,
    added: to.fields.filter((field) => !before.has(field.path)).map((field) => field.path),
    removed: from.fields.filter((field) => !after.has(field.path)).map((field) => field.path),
    retyped: to.fields
      .filter((field) => before.has(field.path) && !sameShape(before.get(field.path)!, field))
      .map((field) => ({ path: field.path, from: before.get(field.path)!.type, to: field.type })),
    dropped: [],
  };
  const retyped = new Set(result.retyped.map((field) => field.path));
  const source = isPlainObject(data) ? data : {};
  const defaults = to.initialData();

  const carry = (field: FormFieldInfo, value: unknown, dataPath: string): unknown => {
    if (value === undefined) return undefined;
    if (!retyped.has(field.path) || to.acceptsValue(field.path, value)) return value;
    result.dropped.push(dataPath);
    return undefined;
  };

  for (const field of to.fields) {
    if (field.parentPath) continue;
    if (!before.has(field.path)) {
      if (defaults[field.key] !== undefined) result.data[field.key] = defaults[field.key];
      continue;
    }
    const value = source[field.key];
    const isSubform = field.type === 'subform' && before.get(field.path)!.type === 'subform';
    if (!isSubform || !Array.isArray(value)) {
      const kept = carry(field, value, field.key);
      if (kept !== undefined) result.data[field.key] = kept;
      continue;
    }
    const rowFields = to.fields.filter((rowField) => rowField.parentPath === field.path);
    result.data[field.key] = value.map((row, index) => {
      if (!isPlainObject(row)) return row;
      const migrated: Record<string, unknown> = {};
      for (const rowField of rowFields) {
        if (!before.has(rowField.path)) continue;
        const kept = carry(rowField, row[rowField.key], `${field.key}[${index}].${rowField.key}`);
        if (kept !== undefined) migrated[rowField.key] = kept;
      }
      return migrated;
    });
  }
  return result;
}
