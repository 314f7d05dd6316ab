import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { agreeOnGeneratedData } from '../test-support/parity-suite';
import type { DimensionDefinition } from '../definition/types';

jest.setTimeout(60_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const measures = [
  { key: 'complaints', aggregate: 'count' as const },
  { key: 'total', aggregate: 'sum' as const, field: 'amount' },
];

function agree(dimensions: DimensionDefinition[], timeZone?: string): Promise<void> {
  return agreeOnGeneratedData(() => database, { dimensions, measures, timeZone });
}

describe('every dimension groups the same way in SQL and in memory', () => {
  it('groups by text, number, boolean and nested fields, missing values in a group of their own', () =>
    agree([
      { key: 'channel', field: 'channel' },
      { key: 'severity', field: 'severity' },
      { key: 'vip', field: 'vip' },
      { key: 'segment', field: 'customer.segment' },
    ]));

  it.each(['day', 'week', 'month', 'quarter', 'year'] as const)(
    'buckets record creation times by %s in Shanghai time',
    (bucket) => agree([{ key: 'period', field: '$createdAt', bucket }]),
  );

  it('buckets in another time zone, across daylight-saving changes', () =>
    agree(
      [
        { key: 'day', field: '$createdAt', bucket: 'day' },
        { key: 'week', field: 'firstResponseAt', bucket: 'week' },
      ],
      'America/New_York',
    ));

  it('buckets date fields and JSON date-times', () =>
    agree([
      { key: 'openedMonth', field: 'openedOn', bucket: 'month' },
      { key: 'respondedQuarter', field: 'firstResponseAt', bucket: 'quarter' },
    ]));

  it('groups amounts into bands, with open ends and values outside every band', () =>
    agree([
      {
        key: 'band',
        field: 'amount',
        ranges: [
          { key: 'small', to: 10000 },
          { key: 'medium', from: 10000, to: 1000000 },
          { key: 'large', from: 5000000 },
        ],
      },
    ]));
});

describe('sorting and limits', () => {
  it('sorts by a measure descending, ties broken by the dimensions, and keeps the first rows', () =>
    agreeOnGeneratedData(() => database, {
      dimensions: [
        { key: 'category', field: 'category' },
        { key: 'channel', field: 'channel' },
      ],
      measures,
      sort: [{ by: 'complaints', direction: 'desc' }],
      limit: 4,
    }));

  it('sorts text in code point order (Chinese and Latin mixed)', () =>
    agreeOnGeneratedData(() => database, {
      dimensions: [
        { key: 'category', field: 'category' },
        { key: 'branch', field: 'branch' },
      ],
      measures,
      sort: [{ by: 'branch', direction: 'desc' }],
    }));
});

describe('subform rows', () => {
  it('unnests a subform into rows of their own, reading the parent record beside them', () =>
    agreeOnGeneratedData(() => database, {
      source: { type: 'subformRows', form: 'complaint', path: 'items' },
      filter: { '>': [{ var: 'quantity' }, 0] },
      dimensions: [
        { key: 'product', field: 'product' },
        { key: 'category', field: '$parent.category' },
      ],
      measures: [
        { key: 'rows', aggregate: 'count' },
        { key: 'quantity', aggregate: 'sum', field: 'quantity' },
        { key: 'highestPrice', aggregate: 'max', field: 'price' },
      ],
    }));
});

describe('listings and drill-down', () => {
  it('lists the rows of a clicked segment with their columns', () =>
    agreeOnGeneratedData(() => database, {
      columns: [
        { key: 'category', field: 'category' },
        { key: 'amount', field: 'amount' },
        { key: 'createdAt', field: '$createdAt' },
        { key: 'vip', field: 'vip' },
      ],
      segment: [
        { dimension: { key: 'year', field: '$createdAt', bucket: 'year' }, value: '2026-01-01' },
        { dimension: { key: 'branch', field: 'branch' }, value: '上海分行' },
      ],
      sort: [{ by: 'amount', direction: 'desc' }],
      limit: 10,
    }));

  it('lists a segment whose value is missing', () =>
    agreeOnGeneratedData(() => database, {
      columns: [{ key: 'id', field: '$id' }],
      segment: [{ dimension: { key: 'category', field: 'category' }, value: null }],
    }));
});
