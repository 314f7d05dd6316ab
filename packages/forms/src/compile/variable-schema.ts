import type { VariableSchema } from '@tessera/rules';
import type { FieldDefinition } from '../definition/types';
import { fieldTypes } from '../field-types/registry';

function addField(schema: VariableSchema, field: FieldDefinition, prefix: string): void {
  const spec = fieldTypes[field.type];
  if (!spec || !spec.hasValue) return;
  const path = prefix + field.key;
  if (field.type === 'subform') {
    schema[path] = { type: 'array', items: rowVariableSchema(field.fields ?? []) };
    return;
  }
  schema[path] = spec.variable(field);
  for (const [subPath, type] of Object.entries(spec.subVariables?.(field) ?? {})) schema[`${path}.${subPath}`] = type;
}

/** The variables of a list of fields (a form's, or a subform row's), keyed by dotted path. */
export function rowVariableSchema(fields: readonly FieldDefinition[]): VariableSchema {
  const schema: VariableSchema = {};
  for (const field of fields) addField(schema, field, '');
  return schema;
}

export const formVariableSchema = rowVariableSchema;

/**
 * What a rule on a row field may read: the form's fields, `row.<field>` and `rowIndex`. `row`
 * itself is left out so that a misspelt `row.<field>` is reported rather than read as a member
 * of an untyped object.
 */
export function rowScopeVariableSchema(formSchema: VariableSchema, rowFields: readonly FieldDefinition[]): VariableSchema {
  const schema: VariableSchema = { ...formSchema, rowIndex: 'integer' };
  for (const field of rowFields) addField(schema, field, 'row.');
  return schema;
}
