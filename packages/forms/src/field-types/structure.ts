import type { FieldTypeSpec } from './spec';
import { localizedTextSchema, nonNegativeInteger, ruleSchema } from './spec';

/** Without its own `maxRows` a subform still stops somewhere: hostile input must not cost unbounded work. */
export const DEFAULT_MAX_ROWS = 1000;

/**
 * Subform rows: the row fields' JSON Schema is assembled by the form schema builder, which
 * knows every type; a row is an object of its fields, nothing else.
 */
export const subform: FieldTypeSpec = {
  type: 'subform',
  hasValue: true,
  definitionProperties: {
    fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } },
    minRows: nonNegativeInteger,
    maxRows: { type: 'integer', minimum: 1 },
  },
  requiredProperties: ['fields'],
  variable: () => 'array',
  valueSchema: (field) => ({ type: 'array', maxItems: field.maxRows ?? DEFAULT_MAX_ROWS }),
  errorCodes: { maxItems: 'subform.maxRows', type: 'type' },
};

const computedSchemas: Record<string, Record<string, unknown>> = {
  string: { type: 'string' },
  number: { type: 'number' },
  integer: { type: 'integer' },
  money: { type: 'string', pattern: '^-?(0|[1-9]\\d*)(\\.\\d+)?$' },
  boolean: { type: 'boolean' },
  date: { type: 'string', format: 'date' },
  datetime: { type: 'string', format: 'date-time' },
};

/** A read-only value the engine computes with a rule over other fields; whatever was submitted is replaced. */
export const computed: FieldTypeSpec = {
  type: 'computed',
  hasValue: true,
  maskable: true,
  definitionProperties: {
    rule: ruleSchema,
    resultType: { enum: Object.keys(computedSchemas) },
    precision: { type: 'integer', minimum: 0, maximum: 8 },
  },
  requiredProperties: ['rule', 'resultType'],
  variable: (field) => field.resultType ?? 'any',
  valueSchema: (field) => computedSchemas[field.resultType ?? 'string'] ?? {},
  errorCodes: { type: 'computed.type', pattern: 'computed.type', format: 'computed.type' },
};

/** Rich description text shown in the form; it holds no value. */
export const description: FieldTypeSpec = {
  type: 'description',
  hasValue: false,
  definitionProperties: { content: localizedTextSchema },
  requiredProperties: ['content'],
  variable: () => 'any',
  valueSchema: () => ({}),
};
