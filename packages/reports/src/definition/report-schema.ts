/** The JSON Schema of `*.report.json` (draft 2020-12). Cross-references are checked by `compileReport`. */
const localizedText = {
  type: 'object',
  required: ['zh-CN', 'en'],
  properties: { 'zh-CN': { type: 'string', minLength: 1 }, en: { type: 'string', minLength: 1 } },
  additionalProperties: false,
};

const key = { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' };
const fieldPath = { type: 'string', minLength: 1 };
const rule = {};

const numberFormat = {
  oneOf: [
    {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'number' }, decimals: { type: 'integer', minimum: 0, maximum: 10 } },
      additionalProperties: false,
    },
    { type: 'object', required: ['type'], properties: { type: { const: 'integer' } }, additionalProperties: false },
    {
      type: 'object',
      required: ['type'],
      properties: {
        type: { const: 'money' },
        currency: { type: 'string', pattern: '^[A-Z]{3}$' },
        decimals: { type: 'integer', minimum: 0, maximum: 4 },
      },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'percent' }, decimals: { type: 'integer', minimum: 0, maximum: 6 } },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type', 'unit'],
      properties: { type: { const: 'duration' }, unit: { enum: ['hours', 'days'] } },
      additionalProperties: false,
    },
  ],
};

const parameterType = { enum: ['string', 'number', 'boolean', 'date', 'datetime', 'stringList'] };

const dimension = {
  type: 'object',
  required: ['key', 'field'],
  properties: {
    key,
    field: fieldPath,
    label: localizedText,
    bucket: { enum: ['day', 'week', 'month', 'quarter', 'year'] },
    ranges: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['key'],
        properties: {
          key: { type: 'string', minLength: 1 },
          label: localizedText,
          from: { type: 'number' },
          to: { type: 'number' },
        },
        additionalProperties: false,
      },
    },
  },
  not: { required: ['bucket', 'ranges'] },
  additionalProperties: false,
};

const measureCommon = { key, label: localizedText, format: numberFormat, where: rule };

const measure = {
  type: 'object',
  required: ['key', 'aggregate'],
  properties: {
    ...measureCommon,
    aggregate: { enum: ['count', 'countDistinct', 'sum', 'avg', 'min', 'max', 'percentile', 'ratio', 'duration'] },
  },
  allOf: [
    {
      if: { properties: { aggregate: { const: 'count' } } },
      then: { properties: { ...measureCommon, aggregate: {} }, additionalProperties: false },
    },
    {
      if: { properties: { aggregate: { enum: ['countDistinct', 'sum', 'avg', 'min', 'max'] } } },
      then: {
        required: ['field'],
        properties: { ...measureCommon, aggregate: {}, field: fieldPath },
        additionalProperties: false,
      },
    },
    {
      if: { properties: { aggregate: { const: 'percentile' } } },
      then: {
        required: ['field', 'percentile'],
        properties: {
          ...measureCommon,
          aggregate: {},
          field: fieldPath,
          percentile: { type: 'number', minimum: 0, maximum: 1 },
        },
        additionalProperties: false,
      },
    },
    {
      if: { properties: { aggregate: { const: 'ratio' } } },
      then: {
        required: ['numerator', 'denominator'],
        properties: {
          key,
          label: localizedText,
          format: numberFormat,
          aggregate: {},
          numerator: key,
          denominator: key,
        },
        additionalProperties: false,
      },
    },
    {
      if: { properties: { aggregate: { const: 'duration' } } },
      then: {
        required: ['from', 'to', 'unit', 'statistic'],
        properties: {
          ...measureCommon,
          aggregate: {},
          from: fieldPath,
          to: fieldPath,
          unit: { enum: ['hours', 'workingDays'] },
          statistic: { enum: ['avg', 'sum', 'min', 'max', 'percentile'] },
          percentile: { type: 'number', minimum: 0, maximum: 1 },
          holidays: { type: 'array', items: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
        },
        additionalProperties: false,
      },
    },
  ],
};

const column = {
  type: 'object',
  required: ['key', 'field'],
  properties: { key, field: fieldPath, label: localizedText, format: numberFormat },
  additionalProperties: false,
};

const source = {
  oneOf: [
    {
      type: 'object',
      required: ['type', 'form'],
      properties: { type: { const: 'records' }, form: { type: 'string', minLength: 1 } },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type', 'form', 'path'],
      properties: { type: { const: 'subformRows' }, form: { type: 'string', minLength: 1 }, path: fieldPath },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'processInstances' }, process: { type: 'string' } },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'tasks' }, process: { type: 'string' } },
      additionalProperties: false,
    },
    {
      type: 'object',
      required: ['type'],
      properties: { type: { const: 'auditEvents' }, entityType: { type: 'string' } },
      additionalProperties: false,
    },
  ],
};

const dataset = {
  type: 'object',
  required: ['key', 'source'],
  properties: {
    key,
    title: localizedText,
    source,
    filter: rule,
    parameters: {
      type: 'object',
      propertyNames: key,
      additionalProperties: {
        type: 'object',
        required: ['type'],
        properties: { type: parameterType, label: localizedText, required: { type: 'boolean' }, default: {} },
        additionalProperties: false,
      },
    },
    timeZone: { type: 'string', minLength: 1 },
    dimensions: { type: 'array', items: dimension },
    measures: { type: 'array', items: measure },
    columns: { type: 'array', items: column },
    sort: {
      type: 'array',
      items: {
        type: 'object',
        required: ['by'],
        properties: { by: key, direction: { enum: ['asc', 'desc'] } },
        additionalProperties: false,
      },
    },
    limit: { type: 'integer', minimum: 1, maximum: 100000 },
  },
  additionalProperties: false,
};

const chart = {
  type: 'object',
  required: ['key', 'type', 'title', 'dataset', 'measures'],
  properties: {
    key,
    type: {
      enum: [
        'bar',
        'stackedBar',
        'line',
        'area',
        'pie',
        'donut',
        'funnel',
        'gauge',
        'kpi',
        'table',
        'pivot',
        'heatmap',
      ],
    },
    title: localizedText,
    dataset: key,
    category: key,
    series: key,
    measures: { type: 'array', items: key },
    order: { type: 'array', items: { type: 'string' } },
    max: { type: 'number', exclusiveMinimum: 0 },
    compare: {
      type: 'object',
      required: ['from', 'to'],
      properties: { from: key, to: key },
      additionalProperties: false,
    },
    xAxisName: localizedText,
    yAxisName: localizedText,
    horizontal: { type: 'boolean' },
  },
  additionalProperties: false,
};

const dashboard = {
  type: 'object',
  required: ['key', 'title', 'widgets'],
  properties: {
    key,
    title: localizedText,
    columns: { type: 'integer', minimum: 1, maximum: 48 },
    filters: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'label', 'type', 'bindings'],
        properties: {
          key,
          label: localizedText,
          type: parameterType,
          default: {},
          bindings: {
            type: 'array',
            items: {
              type: 'object',
              required: ['dataset', 'parameter'],
              properties: { dataset: key, parameter: key },
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    },
    widgets: {
      type: 'array',
      items: {
        type: 'object',
        required: ['chart', 'x', 'y', 'w', 'h'],
        properties: {
          chart: key,
          x: { type: 'integer' },
          y: { type: 'integer' },
          w: { type: 'integer' },
          h: { type: 'integer' },
        },
        additionalProperties: false,
      },
    },
    drillDown: {
      type: 'array',
      items: {
        type: 'object',
        required: ['chart', 'columns'],
        properties: {
          chart: key,
          columns: { type: 'array', minItems: 1, items: column },
          limit: { type: 'integer', minimum: 1, maximum: 10000 },
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
};

export const reportSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://tessera.dev/schemas/report.json',
  title: 'Tessera report definition',
  type: 'object',
  required: ['key', 'title', 'datasets'],
  properties: {
    $schema: { type: 'string' },
    key,
    title: localizedText,
    datasets: { type: 'array', items: dataset },
    charts: { type: 'array', items: chart },
    dashboards: { type: 'array', items: dashboard },
  },
  additionalProperties: false,
} as const;
