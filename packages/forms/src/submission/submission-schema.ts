import type { FieldPlan, FormPlan } from '../compile/field-plan';
import type { Permission } from '../definition/types';
import type { JsonSchema } from '../field-types/spec';
import type { PermissionView } from '../permissions/resolve-permission';

export interface SubmissionSchemaOptions {
  /** Adds titles and the `required` list: fields always required, always shown and writable by `permissions`. */
  forExport: boolean;
  permissions?: PermissionView;
}

function alwaysRequired(field: FieldPlan, permission: Permission | undefined): boolean {
  return field.required === true && field.visible === true && field.readonly === false && field.spec.hasValue && permission === 'write';
}

function objectSchema(fields: readonly FieldPlan[], options: SubmissionSchemaOptions, permissions: readonly Permission[] | undefined): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  for (const field of fields) {
    if (!field.spec.hasValue) continue;
    properties[field.key] = fieldSchema(field, options);
  }
  const required = options.forExport ? fields.filter((field) => alwaysRequired(field, permissions?.[field.index])).map((field) => field.key) : [];
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
}

function fieldSchema(field: FieldPlan, options: SubmissionSchemaOptions): JsonSchema {
  const schema: JsonSchema = { ...field.spec.valueSchema(field.definition) };
  if (field.rows) schema.items = objectSchema(field.rows.fields, options, options.permissions?.rows[field.index]);
  if (options.forExport) {
    schema.title = field.label['zh-CN'];
    schema.description = field.label.en;
    if (field.readonly === true) schema.readOnly = true;
  }
  return schema;
}

/**
 * The JSON Schema (2020-12) of a submission. Conditions written as rules (visibility,
 * conditional requiredness, validation rules) cannot be said in JSON Schema; `validate` checks them.
 */
export function submissionSchema(plan: FormPlan, options: SubmissionSchemaOptions): JsonSchema {
  return {
    ...(options.forExport ? { $schema: 'https://json-schema.org/draft/2020-12/schema' } : {}),
    ...objectSchema(plan.fields, options, options.permissions?.fields),
  };
}
