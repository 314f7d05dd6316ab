import type { FieldTypeSpec } from './spec';
import { localizedTextSchema, nonNegativeInteger } from './spec';

const DEFAULT_TEXT_LENGTH = 255;
const DEFAULT_TEXTAREA_LENGTH = 4000;

const textProperties = {
  minLength: nonNegativeInteger,
  maxLength: { type: 'integer', minimum: 1 },
  pattern: { type: 'string', minLength: 1 },
  patternMessage: localizedTextSchema,
};

function textSpec(type: 'text' | 'textarea', defaultMaxLength: number): FieldTypeSpec {
  return {
    type,
    hasValue: true,
    maskable: true,
    definitionProperties: textProperties,
    variable: () => 'string',
    valueSchema: (field) => ({
      type: 'string',
      ...(field.minLength !== undefined ? { minLength: field.minLength } : {}),
      maxLength: field.maxLength ?? defaultMaxLength,
      ...(field.pattern !== undefined ? { pattern: field.pattern } : {}),
    }),
    errorCodes: { pattern: 'text.pattern' },
  };
}

export const text = textSpec('text', DEFAULT_TEXT_LENGTH);
export const textarea = textSpec('textarea', DEFAULT_TEXTAREA_LENGTH);

export const email: FieldTypeSpec = {
  type: 'email',
  hasValue: true,
  maskable: true,
  definitionProperties: {},
  variable: () => 'string',
  valueSchema: () => ({ type: 'string', format: 'email', maxLength: 254 }),
  errorCodes: { format: 'email.format', maxLength: 'email.format' },
};

export const url: FieldTypeSpec = {
  type: 'url',
  hasValue: true,
  definitionProperties: {},
  variable: () => 'string',
  // Only web links: other schemes (javascript:, file:) have no place in a bank form.
  valueSchema: () => ({ type: 'string', format: 'uri', pattern: '^https?://', maxLength: 2048 }),
  errorCodes: { format: 'url.format', pattern: 'url.format', maxLength: 'url.format' },
};
