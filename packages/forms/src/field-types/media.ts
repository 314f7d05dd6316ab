import type { FieldDefinition } from '../definition/types';
import type { FieldTypeSpec } from './spec';

/** Turns accepted MIME types (`application/pdf`, `image/*`) into one anchored pattern. */
export function acceptPattern(accept: readonly string[]): string {
  const alternatives = accept.map((type) => type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\/\*$/, '/[^/]+'));
  return `^(${alternatives.join('|')})$`;
}

function attachmentItemSchema(field: FieldDefinition) {
  return {
    type: 'object',
    required: ['name', 'size', 'type', 'storageKey'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 255 },
      size: { type: 'integer', minimum: 0, ...(field.maxSize !== undefined ? { maximum: field.maxSize } : {}) },
      type: { type: 'string', minLength: 1, ...(field.accept ? { pattern: acceptPattern(field.accept) } : {}) },
      storageKey: { type: 'string', minLength: 1, maxLength: 512 },
    },
    additionalProperties: false,
  };
}

/** Attachments are metadata only (the file itself is in storage): always a list, at most `maxFiles` long. */
export const attachment: FieldTypeSpec = {
  type: 'attachment',
  hasValue: true,
  definitionProperties: {
    maxFiles: { type: 'integer', minimum: 1, maximum: 100 },
    maxSize: { type: 'integer', minimum: 1 },
    accept: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[a-z]+/([a-z0-9.+-]+|\\*)$' } },
  },
  variable: () => ({ type: 'array', items: { name: 'string', size: 'integer', type: 'string', storageKey: 'string' } }),
  valueSchema: (field) => ({ type: 'array', maxItems: field.maxFiles ?? 1, items: attachmentItemSchema(field) }),
  errorCodes: { maximum: 'attachment.maxSize', pattern: 'attachment.type', maxItems: 'attachment.maxFiles' },
};

/** A handwritten signature captured as an image in storage. */
export const signature: FieldTypeSpec = {
  type: 'signature',
  hasValue: true,
  definitionProperties: {},
  variable: () => 'object',
  subVariables: () => ({ storageKey: 'string', signedAt: 'string', signedBy: 'string' }),
  valueSchema: () => ({
    type: 'object',
    required: ['storageKey'],
    properties: {
      storageKey: { type: 'string', minLength: 1, maxLength: 512 },
      signedAt: { type: 'string', format: 'date-time' },
      signedBy: { type: 'string', minLength: 1 },
    },
    additionalProperties: false,
  }),
};
