import type { FieldDefinition } from '../definition/types';
import type { FieldTypeSpec, JsonSchema } from './spec';

const identifier = { type: 'string', minLength: 1, maxLength: 128 };

function oneOrMany(field: FieldDefinition, item: JsonSchema): JsonSchema {
  return field.multiple ? { type: 'array', items: item, uniqueItems: true } : item;
}

/** Pickers hold user or department ids; several when `multiple`. */
function pickerSpec(type: 'userPicker' | 'departmentPicker'): FieldTypeSpec {
  return {
    type,
    hasValue: true,
    definitionProperties: { multiple: { type: 'boolean' } },
    variable: (field) => (field.multiple ? 'array' : 'string'),
    valueSchema: (field) => oneOrMany(field, identifier),
    errorCodes: { uniqueItems: 'options.duplicate' },
  };
}

export const userPicker = pickerSpec('userPicker');
export const departmentPicker = pickerSpec('departmentPicker');

/** A link to records of another form: `{ id, display }`, `display` being the other form's `displayField`. */
export const relation: FieldTypeSpec = {
  type: 'relation',
  hasValue: true,
  definitionProperties: {
    form: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$' },
    displayField: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
    multiple: { type: 'boolean' },
  },
  requiredProperties: ['form', 'displayField'],
  variable: (field) => (field.multiple ? { type: 'array', items: { id: 'string', display: 'string' } } : 'object'),
  subVariables: (field): Record<string, 'string'> => (field.multiple ? {} : { id: 'string', display: 'string' }),
  valueSchema: (field) =>
    oneOrMany(field, {
      type: 'object',
      required: ['id'],
      properties: { id: identifier, display: { type: 'string', maxLength: 500 } },
      additionalProperties: false,
    }),
  errorCodes: { uniqueItems: 'options.duplicate' },
};
