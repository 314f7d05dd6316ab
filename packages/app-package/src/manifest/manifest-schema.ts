/** JSON Schema (draft-07, as ajv reads it by default) of `app.json`. */
const localizedText = {
  type: 'object',
  required: ['zh-CN', 'en'],
  properties: { 'zh-CN': { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
  additionalProperties: false,
} as const;

const key = { type: 'string', pattern: '^[a-z][a-z0-9_]*$', maxLength: 64 } as const;
const appKey = { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 64 } as const;
const artifactPath = { type: 'string', pattern: '^[^/\\\\][^\\\\]*$', minLength: 1 } as const;

const navigationItem = {
  type: 'object',
  required: ['key', 'label', 'type'],
  properties: {
    key,
    label: localizedText,
    icon: { type: 'string' },
    roles: { type: 'array', items: key, uniqueItems: true },
    type: { enum: ['group', 'records', 'form', 'startProcess', 'inbox', 'dashboard', 'report', 'customer360', 'link'] },
    form: { type: 'string', minLength: 1 },
    process: { type: 'string', minLength: 1 },
    report: { type: 'string', minLength: 1 },
    dashboard: { type: 'string', minLength: 1 },
    url: { type: 'string', pattern: '^(https?://|/)' },
    children: { type: 'array', items: { $ref: '#/$defs/navigationItem' } },
  },
  additionalProperties: false,
  allOf: [
    { if: { properties: { type: { enum: ['records', 'form', 'customer360'] } } }, then: { required: ['form'] } },
    { if: { properties: { type: { const: 'startProcess' } } }, then: { required: ['process'] } },
    { if: { properties: { type: { const: 'report' } } }, then: { required: ['report'] } },
    { if: { properties: { type: { const: 'dashboard' } } }, then: { required: ['report', 'dashboard'] } },
    { if: { properties: { type: { const: 'link' } } }, then: { required: ['url'] } },
    { if: { properties: { type: { const: 'group' } } }, then: { required: ['children'] } },
  ],
} as const;

export const appManifestSchema = {
  $id: 'https://tessera.dev/schemas/app.json',
  title: 'Tessera app manifest',
  type: 'object',
  required: ['key', 'version', 'name', 'description', 'roles', 'navigation'],
  properties: {
    $schema: { type: 'string' },
    key: appKey,
    version: { type: 'string', pattern: '^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$' },
    name: localizedText,
    description: localizedText,
    icon: { type: 'string' },
    roles: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['key', 'name'],
        properties: { key, name: localizedText, description: localizedText },
        additionalProperties: false,
      },
    },
    navigation: { type: 'array', items: { $ref: '#/$defs/navigationItem' } },
    dependencies: {
      type: 'array',
      items: {
        type: 'object',
        required: ['app', 'version', 'forms'],
        properties: {
          app: appKey,
          version: { type: 'string', pattern: '^(\\^|~|>=)?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)$' },
          forms: { type: 'array', items: key, minItems: 1, uniqueItems: true },
        },
        additionalProperties: false,
      },
    },
    artifacts: {
      type: 'object',
      properties: Object.fromEntries(
        ['forms', 'processes', 'decisionTables', 'ruleSets', 'reports', 'seed', 'scenarios'].map((kind) => [
          kind,
          { type: 'array', items: artifactPath, uniqueItems: true },
        ]),
      ),
      additionalProperties: false,
    },
    settings: {
      type: 'object',
      propertyNames: { pattern: '^[a-zA-Z][a-zA-Z0-9_]*$' },
      additionalProperties: {
        type: 'object',
        required: ['type', 'label'],
        properties: {
          type: { enum: ['string', 'number', 'boolean', 'stringList'] },
          // `url`: an absolute http(s) address, checked when IT sets the value.
          format: { enum: ['url'] },
          label: localizedText,
          default: {},
        },
        additionalProperties: false,
        if: { required: ['format'] },
        then: { properties: { type: { const: 'string' } } },
      },
    },
  },
  additionalProperties: false,
  $defs: { navigationItem },
} as const;
