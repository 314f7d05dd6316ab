import fc from 'fast-check';
import type { Rule } from '@tessera/rules';
import { compileDataset } from '../dataset/compile-dataset';
import { toSql } from '../dataset/to-sql';
import { categories, complaintRecords, complaintSchema } from '../test-support/complaint-data';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { runBothWays } from '../test-support/parity';
import { agreeOnGeneratedData, complaintSource } from '../test-support/parity-suite';

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
const dimensions = [{ key: 'channel', field: 'channel' }];

function filtered(filter: Rule, params: Record<string, unknown> = {}, parameters = {}): Promise<void> {
  return agreeOnGeneratedData(() => database, { filter, dimensions, measures, parameters }, params, {
    now: '2026-06-15T04:00:00Z',
  });
}

describe('every filter operation keeps the same rows in SQL and in memory', () => {
  it.each<[string, Rule]>([
    ['== on text', { '==': [{ var: 'category' }, '贷款'] }],
    ['== on money against a number', { '==': [{ var: 'amount' }, 0] }],
    ['=== on integers', { '===': [{ var: 'severity' }, 3] }],
    ['!= with missing values', { '!=': [{ var: 'channel' }, 'app'] }],
    ['!== on booleans', { '!==': [{ var: 'vip' }, true] }],
    ['== null', { '==': [{ var: 'category' }, null] }],
    ['!= null', { '!=': [null, { var: 'score' }] }],
    ['< with missing numbers read as 0', { '<': [{ var: 'score' }, 10] }],
    ['<= on money', { '<=': [{ var: 'amount' }, 500000] }],
    ['> on text in code point order', { '>': [{ var: 'category' }, 'ATM'] }],
    ['>= on dates as text', { '>=': [{ var: 'openedOn' }, '2026-03-01'] }],
    ['between with <', { '<': [1, { var: 'severity' }, 4] }],
    ['between with <=', { '<=': [-10, { var: 'score' }, 10] }],
    ['!', { '!': { var: 'vip' } }],
    ['!! on text', { '!!': [{ var: 'category' }] }],
    ['truthiness of a number', { var: 'severity' }],
    ['truthiness of an array', { var: 'tags' }],
    ['and', { and: [{ '>': [{ var: 'amount' }, 1000] }, { '==': [{ var: 'branch' }, '上海分行'] }] }],
    ['or', { or: [{ '==': [{ var: 'vip' }, true] }, { '>=': [{ var: 'severity' }, 4] }] }],
    ['if', { if: [{ var: 'vip' }, { '>': [{ var: 'amount' }, 100] }, { '>': [{ var: 'amount' }, 1000000] }] }],
    ['in a list of text', { in: [{ var: 'category' }, ['信用卡', 'ATM', "'; DROP TABLE record; --"]] }],
    ['in a list of numbers', { in: [{ var: 'severity' }, [1, 2, 5]] }],
    ['in a text', { in: ['分行', { var: 'branch' }] }],
    ['in an array field', { in: ['urgent', { var: 'tags' }] }],
    ['+ (missing is NaN)', { '>': [{ '+': [{ var: 'severity' }, { var: 'score' }] }, 3] }],
    ['- (missing is 0)', { '<': [{ '-': [{ var: 'severity' }, { var: 'score' }] }, 0] }],
    ['unary -', { '>': [{ '-': { var: 'score' } }, 0] }],
    ['*', { '>=': [{ '*': [{ var: 'amount' }, 2] }, 1000000] }],
    ['/ including division by zero', { '>': [{ '/': [{ var: 'score' }, { var: 'severity' }] }, 2] }],
    ['%', { '==': [{ '%': [{ var: 'severity' }, 2] }, 1] }],
    ['min with a missing value as 0', { '<': [{ min: [{ var: 'score' }, { var: 'severity' }, 50] }, 1] }],
    ['max over a NaN sum', { '>': [{ max: [{ '+': [{ var: 'severity' }, 1] }, { var: 'score' }] }, 3] }],
    ['cat', { '==': [{ cat: [{ var: 'branch' }, '-', { var: 'channel' }] }, '上海分行-app'] }],
    ['startsWith', { startsWith: [{ var: 'branch' }, '上海'] }],
    ['endsWith', { endsWith: [{ var: 'category' }, '卡'] }],
    ['contains on text', { contains: [{ var: 'category' }, 'DROP'] }],
    ['contains on an array', { contains: [{ var: 'tags' }, 'vip'] }],
    ['length', { '>': [{ length: { var: 'tags' } }, 1] }],
    ['money<', { 'money<': [{ var: 'amount' }, '100000.50'] }],
    ['money>=', { 'money>=': [{ var: 'amount' }, 5000000] }],
    ['money==', { 'money==': [{ var: 'amount' }, '0'] }],
    ['isBefore between a column and a date', { isBefore: [{ var: '$createdAt' }, '2026-02-01'] }],
    ['isAfter between instants', { isAfter: [{ var: 'firstResponseAt' }, '2026-01-15T12:00:00+08:00'] }],
    ['isAfter between a JSON date-time and a column', { isAfter: [{ var: 'resolvedAt' }, { var: '$createdAt' }] }],
    ['daysBetween a column and now', { '<': [{ daysBetween: [{ var: '$createdAt' }, { now: [] }] }, 120] }],
    ['daysBetween with missing dates', { '<': [{ daysBetween: [{ var: 'openedOn' }, { var: 'resolvedAt' }] }, 3] }],
    ['a nested object path', { '==': [{ var: 'customer.segment' }, 'private'] }],
    ['timestamp column against a date', { '<=': [{ var: '$createdAt' }, '2026-01-01'] }],
    ['timestamp column against a date, reversed', { '<': ['2026-01-01', { var: '$createdAt' }] }],
    [
      'timestamp column against a date-time with an offset',
      { '>': [{ var: '$createdAt' }, '2026-01-01T08:30:00-05:00'] },
    ],
  ])('%s', (_name, rule) => filtered(rule));

  it.each<[string, Rule]>([
    ['today in the caller offset', { isBefore: [{ var: '$createdAt' }, { today: [] }] }],
    ['days from a date field to today', { '<': [{ daysBetween: [{ var: 'openedOn' }, { today: [] }] }, 90] }],
    ['now as an instant', { isAfter: [{ var: 'resolvedAt' }, { now: [] }] }],
  ])('%s, with now given in Beijing time on the UTC day before', (_name, rule) =>
    agreeOnGeneratedData(
      () => database,
      { filter: rule, dimensions, measures },
      {},
      { now: '2026-03-01T06:30:00+08:00' },
    ),
  );

  it('takes today as the calendar date of now as the caller wrote it', async () => {
    const dataset = compileDataset(
      {
        key: 'beforeToday',
        source: complaintSource,
        filter: { isBefore: [{ var: '$createdAt' }, { today: [] }] },
        measures: [{ key: 'n', aggregate: 'count' }],
      },
      { schema: complaintSchema },
    );
    const record = (id: string, createdAt: string) => ({
      id,
      form_key: 'complaint',
      data: {},
      created_at: new Date(createdAt),
      updated_at: new Date(createdAt),
      deleted_at: null,
    });
    const rows = [
      record('00000000-0000-4000-8000-000000000001', '2026-02-28T15:00:00Z'), // 23:00 on 28 February in Beijing
      record('00000000-0000-4000-8000-000000000002', '2026-02-28T17:00:00Z'), // 01:00 on 1 March in Beijing
    ];
    expect(await runBothWays(database, dataset, rows, {}, { now: '2026-03-01T06:30:00+08:00' })).toEqual([{ n: 1 }]);
    expect(await runBothWays(database, dataset, rows, {}, { now: '2026-02-28T22:30:00Z' })).toEqual([{ n: 0 }]);
  });

  it('reads parameters, and an empty optional parameter turns its condition off', async () => {
    const parameters = {
      branch: { type: 'string' as const },
      from: { type: 'date' as const, required: true },
      until: { type: 'datetime' as const },
      minimum: { type: 'number' as const, default: 1000 },
      channels: { type: 'stringList' as const },
    };
    const rule = {
      and: [
        { or: [{ '!': { var: '$params.branch' } }, { '==': [{ var: 'branch' }, { var: '$params.branch' }] }] },
        { '>=': [{ var: '$createdAt' }, { var: '$params.from' }] },
        { or: [{ '!': { var: '$params.until' } }, { '<': [{ var: '$createdAt' }, { var: '$params.until' }] }] },
        { '>': [{ var: 'amount' }, { var: '$params.minimum' }] },
        { or: [{ '!': { var: '$params.channels' } }, { in: [{ var: 'channel' }, { var: '$params.channels' }] }] },
      ],
    };
    await filtered(
      rule,
      { branch: '北京分行', from: '2026-01-01', until: '2026-06-30T00:00:00Z', channels: ['app', 'phone'] },
      parameters,
    );
    await filtered(rule, { from: '2025-12-15' }, parameters);
  });

  it('applies a restriction on top of the filter, such as the caller record scope', () =>
    agreeOnGeneratedData(
      () => database,
      { dimensions, measures },
      {},
      { restrict: { '==': [{ var: 'branch' }, '深圳分行'] } },
    ));
});

describe('generated filters', () => {
  const text = fc.constantFrom('category', 'channel', 'branch', 'customer.segment');
  const number = fc.constantFrom('amount', 'severity', 'score');
  const textValue = fc.constantFrom(...categories, '网点', 'app', '北京分行', 'retail', '');
  const numberValue = fc.integer({ min: -50, max: 2000000 });
  const comparison = fc.constantFrom('==', '!=', '<', '<=', '>', '>=');
  const leaf: fc.Arbitrary<Rule> = fc.oneof(
    fc.tuple(comparison, text, textValue).map(([operator, field, value]) => ({ [operator]: [{ var: field }, value] })),
    fc
      .tuple(comparison, number, numberValue)
      .map(([operator, field, value]) => ({ [operator]: [{ var: field }, value] })),
    fc
      .tuple(fc.constantFrom('<', '<=', '>', '>='), fc.constantFrom('2025-12-01', '2026-03-15', '2026-01-01T00:00:00Z'))
      .map(([operator, value]) => ({ [operator]: [{ var: '$createdAt' }, value] })),
    fc
      .tuple(text, fc.array(textValue, { minLength: 1, maxLength: 3 }))
      .map(([field, values]) => ({ in: [{ var: field }, values] })),
    fc
      .tuple(fc.constantFrom('+', '-', '*', '/', '%', 'min', 'max'), number, number, numberValue)
      .map(([operator, a, b, value]) => ({ '>': [{ [operator]: [{ var: a }, { var: b }] }, value] })),
    fc.constantFrom<Rule>({ var: 'vip' }, { '!': { var: 'tags' } }, { in: ['vip', { var: 'tags' }] }),
  );
  const rule: fc.Arbitrary<Rule> = fc.letrec<{ rule: Rule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((rules) => ({ and: rules })),
      fc.array(tie('rule'), { minLength: 1, maxLength: 3 }).map((rules) => ({ or: rules })),
      tie('rule').map((inner) => ({ '!': inner })),
    ),
  })).rule;

  it('any combination of operations keeps the same rows both ways', () =>
    fc.assert(
      fc.asyncProperty(rule, complaintRecords, async (filter, rows) => {
        const dataset = compileDataset(
          { key: 'generated', source: complaintSource, filter, dimensions, measures },
          { schema: complaintSchema },
        );
        await runBothWays(database, dataset, rows);
      }),
      { numRuns: 150 },
    ));
});

describe('user values never become SQL', () => {
  it('treats a value like an SQL statement as plain text, in the query and in the data', async () => {
    const dataset = compileDataset(
      {
        key: 'byCategory',
        source: complaintSource,
        parameters: { category: { type: 'string' } },
        filter: { '==': [{ var: 'category' }, { var: '$params.category' }] },
        measures: [{ key: 'complaints', aggregate: 'count' }],
      },
      { schema: complaintSchema },
    );
    const hostile = "'; DROP TABLE record; --";
    const query = toSql(dataset, { category: hostile });
    expect(query.text).not.toContain('DROP');
    expect(query.values).toContain(hostile);
    const [rows] = fc.sample(
      complaintRecords.filter((generated) =>
        generated.some((row) => row.form_key === 'complaint' && !row.deleted_at && row.data.category === hostile),
      ),
      { numRuns: 1, seed: 7 },
    );
    const result = await runBothWays(database, dataset, rows!, { category: hostile });
    expect(result[0]!.complaints).toBeGreaterThan(0);
    expect(await database.query('SELECT count(*)::int AS n FROM record')).toEqual([{ n: rows!.length }]);
  });
});
