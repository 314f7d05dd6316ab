import type { VariableDescriptor, VariableSchema, VariableType } from '@tessera/rules';

/** What other artifacts need to know of a form: its fields with their types, relations and permissions. */
export interface FieldInfo {
  /** Dotted path of the field, e.g. `collateral` or, for a subform row field, `collateral.value`. */
  path: string;
  type: string;
  /** Where the field sits in the form file, e.g. `fields[3].fields[1]`. */
  definitionPath: string;
  relationForm?: string;
  options?: unknown[];
}

export interface RoleUse {
  role: string;
  path: string;
}

export interface FormModel {
  key: string;
  file: string;
  /** Fields by dotted path (subform row fields included). */
  fields: Map<string, FieldInfo>;
  /** The schema `check` in `@tessera/rules` validates a rule's variables against. */
  variables: VariableSchema;
  roles: RoleUse[];
  /** Step names used in permission tables (`formKey@step` in a BPMN user task). */
  steps: Set<string>;
}

interface RawField {
  key?: unknown;
  type?: unknown;
  fields?: unknown;
  form?: unknown;
  resultType?: unknown;
  options?: unknown;
  permissions?: unknown;
  mask?: unknown;
}

const variableTypes: Record<string, VariableType> = {
  number: 'number',
  percent: 'number',
  integer: 'integer',
  money: 'money',
  date: 'date',
  datetime: 'datetime',
  time: 'time',
  switch: 'boolean',
  multiSelect: 'array',
  checkbox: 'array',
  attachment: 'array',
  region: 'object',
  address: 'object',
  signature: 'string',
};

export function variableTypeOf(field: RawField): VariableType {
  if (field.type === 'computed') return (typeof field.resultType === 'string' && (field.resultType as VariableType)) || 'any';
  return variableTypes[String(field.type)] ?? 'string';
}

function collectRoles(permissions: unknown, path: string, model: FormModel): void {
  if (!permissions || typeof permissions !== 'object') return;
  const table = permissions as { roles?: unknown; steps?: unknown };
  if (table.roles && typeof table.roles === 'object') {
    for (const role of Object.keys(table.roles)) model.roles.push({ role, path: `${path}.roles.${role}` });
  }
  if (table.steps && typeof table.steps === 'object') for (const step of Object.keys(table.steps)) model.steps.add(step);
}

/** Reads a form definition (already accepted by its engine, or checked for shape) into a model. */
export function describeForm(file: string, definition: { key: string; fields?: unknown; permissions?: unknown }): FormModel {
  const model: FormModel = { key: definition.key, file, fields: new Map(), variables: {}, roles: [], steps: new Set() };
  collectRoles(definition.permissions, 'permissions', model);
  const walk = (fields: unknown, pathPrefix: string, definitionPrefix: string, schema: VariableSchema): void => {
    if (!Array.isArray(fields)) return;
    fields.forEach((raw: RawField, index) => {
      if (!raw || typeof raw.key !== 'string') return;
      const definitionPath = `${definitionPrefix}[${index}]`;
      const path = pathPrefix ? `${pathPrefix}.${raw.key}` : raw.key;
      const info: FieldInfo = { path, type: String(raw.type), definitionPath };
      if (raw.type === 'relation' && typeof raw.form === 'string') info.relationForm = raw.form;
      if (Array.isArray(raw.options)) info.options = raw.options.map((option: { value?: unknown }) => option?.value);
      model.fields.set(path, info);
      collectRoles(raw.permissions, `${definitionPath}.permissions`, model);
      const mask = raw.mask as { unmaskedRoles?: unknown } | undefined;
      if (mask && Array.isArray(mask.unmaskedRoles)) {
        mask.unmaskedRoles.forEach((role, roleIndex) => model.roles.push({ role: String(role), path: `${definitionPath}.mask.unmaskedRoles[${roleIndex}]` }));
      }
      if (raw.type === 'description') return;
      if (raw.type === 'subform') {
        const items: VariableSchema = {};
        walk(raw.fields, path, `${definitionPath}.fields`, items);
        const descriptor: VariableDescriptor = { type: 'array', items: Object.fromEntries(Object.entries(items).map(([key, value]) => [key.slice(path.length + 1), value])) };
        schema[raw.key] = descriptor;
        return;
      }
      schema[pathPrefix ? path : raw.key] = variableTypeOf(raw);
    });
  };
  walk(definition.fields, '', 'fields', model.variables);
  return model;
}
