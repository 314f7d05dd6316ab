/**
 * JSON Schema of `scenarios/*.json`: an executable story the scenario runner plays against a real
 * server. Steps run in order; `as` is the username a step is performed by; `save` names the
 * result (an instance, a record) so later steps can refer to it as `$name`.
 */
const localizedText = {
  type: 'object',
  required: ['zh-CN', 'en'],
  properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } },
  additionalProperties: false,
} as const;

const reference = { type: 'string', pattern: '^\\$[A-Za-z_][A-Za-z0-9_]*$' } as const;
const expectError = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'integer', minimum: 400, maximum: 499 }, code: { type: 'string' } },
  additionalProperties: false,
} as const;

const step = (action: string, required: string[], properties: Record<string, unknown>) => ({
  type: 'object' as const,
  required: ['action', ...required],
  properties: {
    action: { const: action } as { const: string },
    as: { type: 'string' },
    note: { type: 'string' },
    expectError,
    ...properties,
  },
  additionalProperties: false,
});

const taskSelector = {
  type: 'object',
  required: ['instance', 'element'],
  properties: { instance: reference, element: { type: 'string' } },
  additionalProperties: false,
} as const;

const stepKinds = [
  step('createRecord', ['as', 'form', 'data'], {
    form: { type: 'string' },
    data: { type: 'object' },
    save: { type: 'string' },
  }),
  step('updateRecord', ['as', 'record', 'data'], { record: reference, data: { type: 'object' } }),
  step('startProcess', ['as', 'process'], {
    process: { type: 'string' },
    businessKey: { type: 'string' },
    variables: { type: 'object' },
    save: { type: 'string' },
  }),
  step('findInstance', ['process', 'save'], {
    process: { type: 'string' },
    parent: reference,
    businessKey: { type: 'string' },
    save: { type: 'string' },
  }),
  step('claimTask', ['as', 'task'], { task: taskSelector }),
  step('completeTask', ['as', 'task'], { task: taskSelector, data: { type: 'object' } }),
  step('returnTask', ['as', 'task', 'to'], { task: taskSelector, to: { type: 'string' }, comment: { type: 'string' } }),
  step('remindTask', ['as', 'task'], { task: taskSelector }),
  step('advanceClock', ['by'], { by: { type: 'string', pattern: '^P' } }),
  step('deliverMessage', ['name'], {
    name: { type: 'string' },
    correlationKey: { type: 'string' },
    payload: { type: 'object' },
  }),
  step('completeJob', ['instance', 'element'], {
    instance: reference,
    element: { type: 'string' },
    result: { type: 'object' },
    error: {
      type: 'object',
      required: ['code'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  }),
  step('expectTasks', ['instance', 'tasks'], {
    instance: reference,
    tasks: {
      type: 'array',
      items: {
        type: 'object',
        required: ['element'],
        properties: {
          element: { type: 'string' },
          assignee: { type: 'string' },
          candidateRoles: { type: 'array', items: { type: 'string' } },
          escalated: { type: 'boolean' },
          count: { type: 'integer', minimum: 1 },
        },
        additionalProperties: false,
      },
    },
  }),
  step('expectInstance', ['instance'], {
    instance: reference,
    status: { enum: ['active', 'completed', 'terminated', 'withdrawn', 'cancelled'] },
    endEvent: { type: 'string' },
    variables: { type: 'object' },
  }),
  step('expectRecords', ['form'], {
    form: { type: 'string' },
    filter: {},
    count: { type: 'integer', minimum: 0 },
    data: { type: 'object' },
  }),
  step('expectTags', ['record', 'tags'], {
    record: reference,
    tags: { type: 'array', items: { type: 'string' } },
    absent: { type: 'array', items: { type: 'string' } },
  }),
  step('expectNotifications', ['to'], {
    to: { type: 'string' },
    template: { type: 'string' },
    count: { type: 'integer', minimum: 0 },
  }),
  step('expectAudit', ['entityType', 'auditAction'], {
    entityType: { type: 'string' },
    auditAction: { type: 'string' },
    by: { type: 'string' },
  }),
  step('expectJobs', ['instance', 'element'], {
    instance: reference,
    element: { type: 'string' },
    jobType: { type: 'string' },
  }),
];

/** One `if action = X then X's shape` per kind, so a wrong step is judged by its own kind only. */
const stepSchema = {
  type: 'object',
  required: ['action'],
  properties: { action: { enum: stepKinds.map((kind) => kind.properties.action.const) } },
  allOf: stepKinds.map((kind) => ({
    if: { properties: { action: { const: kind.properties.action.const } }, required: ['action'] },
    then: kind,
  })),
};

export const scenarioSchema = {
  $id: 'https://tessera.dev/schemas/scenario.json',
  type: 'object',
  required: ['key', 'title', 'kind', 'steps'],
  properties: {
    $schema: { type: 'string' },
    key: { type: 'string', pattern: '^[a-z][a-z0-9_]*$' },
    title: localizedText,
    description: localizedText,
    kind: { enum: ['happyPath', 'rejection', 'returnLoop', 'slaEscalation', 'permissionDenial', 'other'] },
    /** The scenario's clock starts here; `advanceClock` moves it. */
    startAt: { type: 'string', format: 'date-time' },
    steps: { type: 'array', minItems: 1, items: stepSchema },
  },
  additionalProperties: false,
} as const;
