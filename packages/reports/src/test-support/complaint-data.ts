/** Generated complaint records, with the awkward cases real data has: missing fields, deleted rows, other forms. */
import type { VariableSchema } from '@tessera/rules';
import fc from 'fast-check';

export const complaintSchema: VariableSchema = {
  category: 'string',
  channel: 'string',
  branch: 'string',
  amount: 'money',
  severity: 'integer',
  score: 'number',
  vip: 'boolean',
  openedOn: 'date',
  firstResponseAt: 'datetime',
  resolvedAt: 'datetime',
  slaDueAt: 'datetime',
  tags: 'array',
  customer: 'object',
  'customer.segment': 'string',
  items: { type: 'array', items: { product: 'string', quantity: 'integer', price: 'money' } },
};

export const categories = ['信用卡', '贷款', '理财', 'ATM', "'; DROP TABLE record; --"];
export const channels = ['网点', 'app', 'phone'];
export const branches = ['上海分行', '北京分行', '深圳分行'];

const start = Date.UTC(2025, 10, 1);
const span = 400 * 86400000;

const instant = fc.integer({ min: 0, max: span }).map((offset) => new Date(start + offset));
const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined, freq: 5 });

const item = fc.record(
  {
    product: fc.constantFrom('储蓄卡', '信用卡', '基金'),
    quantity: fc.integer({ min: -2, max: 9 }),
    price: fc.integer({ min: 0, max: 900000 }).map((cents) => (cents / 100).toFixed(2)),
  },
  { requiredKeys: ['product'] },
);

export const complaintRecord = fc
  .record({
    id: fc.uuid({ version: 4 }),
    formKey: fc.constantFrom('complaint', 'complaint', 'complaint', 'complaint', 'loan'),
    deleted: fc.integer({ min: 0, max: 9 }).map((draw) => draw < 2),
    createdAt: instant,
    responseHours: maybe(fc.integer({ min: 0, max: 400 * 3600 }).map((seconds) => seconds / 3600)),
    resolveHours: maybe(fc.integer({ min: -48, max: 900 })),
    category: maybe(fc.constantFrom(...categories)),
    channel: maybe(fc.constantFrom(...channels)),
    branch: fc.constantFrom(...branches),
    amount: maybe(fc.integer({ min: 0, max: 9_000_000_00 }).map((cents) => (cents / 100).toFixed(2))),
    severity: maybe(fc.integer({ min: 0, max: 5 })),
    score: maybe(
      fc
        .double({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true })
        .map((value) => Math.round(value * 1000) / 1000),
    ),
    vip: maybe(fc.boolean()),
    openedOffset: maybe(fc.integer({ min: 0, max: 400 })),
    tags: maybe(fc.array(fc.constantFrom('vip', 'urgent', 'repeat'), { maxLength: 3 })),
    segment: maybe(fc.constantFrom('retail', 'private', 'corporate')),
    items: maybe(fc.array(item, { maxLength: 3 })),
  })
  .map((generated) => {
    const data: Record<string, unknown> = { branch: generated.branch };
    const set = (key: string, value: unknown) => {
      if (value !== undefined) data[key] = value;
    };
    set('category', generated.category);
    set('channel', generated.channel);
    set('amount', generated.amount);
    set('severity', generated.severity);
    set('score', generated.score);
    set('vip', generated.vip);
    set('tags', generated.tags);
    set('items', generated.items);
    if (generated.segment) data.customer = { segment: generated.segment };
    if (generated.openedOffset !== undefined)
      data.openedOn = new Date(start + generated.openedOffset * 86400000).toISOString().slice(0, 10);
    if (generated.responseHours !== undefined)
      data.firstResponseAt = new Date(generated.createdAt.getTime() + generated.responseHours * 3600000).toISOString();
    data.slaDueAt = new Date(generated.createdAt.getTime() + 72 * 3600000).toISOString();
    if (generated.resolveHours !== undefined)
      data.resolvedAt = new Date(generated.createdAt.getTime() + generated.resolveHours * 3600000).toISOString();
    return {
      id: generated.id,
      app_key: 'complaints',
      form_key: generated.formKey,
      form_version: 1,
      data,
      created_at: generated.createdAt,
      updated_at: generated.createdAt,
      created_by: 'u1',
      owner_id: 'u1',
      department_id: 'd1',
      deleted_at: generated.deleted ? generated.createdAt : null,
    };
  });

export const complaintRecords = fc.uniqueArray(complaintRecord, { maxLength: 30, selector: (record) => record.id });
