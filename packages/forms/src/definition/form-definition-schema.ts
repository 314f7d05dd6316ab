import { fieldTypeNames, fieldTypes } from '../field-types/registry';
import type { JsonSchema } from '../field-types/spec';

const permission = { enum: ['hidden', 'read', 'write'] };
const permissionTable = {
  type: 'object',
  properties: {
    default: permission,
    roles: { type: 'object', propertyNames: { pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' }, additionalProperties: permission },
    steps: { type: 'object', propertyNames: { minLength: 1 }, additionalProperties: permission },
  },
  additionalProperties: false,
};
const maskPreset = { enum: ['mobile', 'landline', 'residentId', 'bankCard', 'name', 'email', 'full'] };
const count = { type: 'integer', minimum: 0, maximum: 64 };

const layoutSection = {
  type: 'object',
  required: ['key', 'fields'],
  properties: {
    key: { $ref: '#/$defs/key' },
    title: { $ref: '#/$defs/localizedText' },
    columns: { type: 'integer', minimum: 1, maximum: 4 },
    collapsible: { type: 'boolean' },
    fields: {
      type: 'array',
      items: {
        anyOf: [
          { type: 'string' },
          {
            type: 'object',
            required: ['field'],
            properties: { field: { type: 'string' }, span: { type: 'integer', minimum: 1, maximum: 4 } },
            additionalProperties: false,
          },
        ],
      },
    },
  },
  additionalProperties: false,
};

/** Each field type admits its own properties on top of the common ones, and nothing else. */
const perType = fieldTypeNames.map((type) => {
  const spec = fieldTypes[type];
  return {
    if: { properties: { type: { const: type } }, required: ['type'] },
    then: { properties: spec.definitionProperties, ...(spec.requiredProperties ? { required: spec.requiredProperties } : {}) },
  };
});

/** The JSON Schema (2020-12) of a `*.form.json` file. */
export const formDefinitionSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tessera.dev/schemas/form.json',
  title: 'Tessera form definition',
  type: 'object',
  required: ['key', 'version', 'title', 'fields'],
  properties: {
    $schema: { type: 'string' },
    key: { type: 'string', pattern: '^[a-z][a-z0-9_-]*$', maxLength: 64 },
    version: { type: 'integer', minimum: 1 },
    title: { $ref: '#/$defs/localizedText' },
    description: { $ref: '#/$defs/localizedText' },
    permissions: permissionTable,
    layout: {
      type: 'object',
      properties: {
        columns: { type: 'integer', minimum: 1, maximum: 4 },
        sections: { type: 'array', items: layoutSection },
        tabs: {
          type: 'array',
          items: {
            type: 'object',
            required: ['key', 'title', 'sections'],
            properties: { key: { $ref: '#/$defs/key' }, title: { $ref: '#/$defs/localizedText' }, sections: { type: 'array', items: layoutSection } },
            additionalProperties: false,
          },
        },
      },
      additionalProperties: false,
    },
    fields: { type: 'array', minItems: 1, items: { $ref: '#/$defs/field' } },
  },
  additionalProperties: false,
  $defs: {
    key: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_]*$', maxLength: 64 },
    localizedText: {
      type: 'object',
      required: ['zh-CN', 'en'],
      properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
      additionalProperties: false,
    },
    /** A JSON-logic rule; checked against the form's fields by `compileForm`. */
    rule: {},
    condition: { type: ['boolean', 'object'] },
    field: {
      type: 'object',
      required: ['key', 'type', 'label'],
      properties: {
        key: { $ref: '#/$defs/key' },
        type: { enum: fieldTypeNames },
        label: { $ref: '#/$defs/localizedText' },
        help: { $ref: '#/$defs/localizedText' },
        placeholder: { $ref: '#/$defs/localizedText' },
        required: { $ref: '#/$defs/condition' },
        visible: { $ref: '#/$defs/condition' },
        readonly: { $ref: '#/$defs/condition' },
        default: true,
        defaultRule: { $ref: '#/$defs/rule' },
        permissions: permissionTable,
        mask: {
          anyOf: [
            maskPreset,
            {
              type: 'object',
              properties: {
                preset: maskPreset,
                keepStart: count,
                keepEnd: count,
                char: { type: 'string', minLength: 1, maxLength: 1 },
                unmaskedRoles: { type: 'array', items: { type: 'string' } },
              },
              additionalProperties: false,
            },
          ],
        },
        validations: {
          type: 'array',
          items: {
            type: 'object',
            required: ['rule', 'message'],
            properties: {
              rule: { $ref: '#/$defs/condition' },
              message: { $ref: '#/$defs/localizedText' },
              code: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_.-]*$' },
            },
            additionalProperties: false,
          },
        },
      },
      allOf: perType,
      unevaluatedProperties: false,
    },
  },
};
