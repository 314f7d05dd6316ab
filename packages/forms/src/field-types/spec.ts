import type { VariableDescriptor, VariableType } from '@tessera/rules';
import type { FieldDefinition, FieldType } from '../definition/types';

export type JsonSchema = Record<string, unknown>;

/** A value that passed the JSON Schema but breaks a rule of its type, e.g. a wrong checksum. */
export interface ValueFailure {
  code: string;
  params?: Record<string, unknown>;
}

export interface ValueCheckEnvironment {
  now?: string | Date;
  /** The business date of `now` (`YYYY-MM-DD`), worked out once per validation. */
  today?: string;
}

/**
 * What the engine knows about one field type: which definition properties it takes, the JSON
 * Schema of its value, how JSON Schema failures read as error codes, and the checks JSON Schema
 * cannot express.
 */
export interface FieldTypeSpec {
  type: FieldType;
  /** Display-only types (rich description text) hold no value. */
  hasValue: boolean;
  /** Definition properties this type takes besides the common ones, with their JSON Schemas. */
  definitionProperties: Record<string, JsonSchema>;
  requiredProperties?: string[];
  variable(field: FieldDefinition): VariableType | VariableDescriptor;
  valueSchema(field: FieldDefinition): JsonSchema;
  /** ajv keyword → error code; keywords not listed fall back to the generic table. */
  errorCodes?: Record<string, string>;
  /** Runs only on values the JSON Schema accepted. */
  check?(value: unknown, field: FieldDefinition, environment: ValueCheckEnvironment): ValueFailure | null;
  /** Whether a value counts as not filled in, for `required`. */
  isEmpty?(value: unknown, field: FieldDefinition): boolean;
  /** Dotted sub-paths readable by rules (e.g. `province` of a region). */
  subVariables?(field: FieldDefinition): Record<string, VariableType>;
  /** Whether a mask can be applied to this type's value. */
  maskable?: boolean;
}

export const localizedTextSchema: JsonSchema = { $ref: '#/$defs/localizedText' };
export const ruleSchema: JsonSchema = { $ref: '#/$defs/rule' };
export const nonNegativeInteger: JsonSchema = { type: 'integer', minimum: 0 };

export function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}
