import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { agreeOnGeneratedData } from '../test-support/parity-suite';
import type { MeasureDefinition } from '../definition/types';

jest.setTimeout(60_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const byCategory = [{ key: 'category', field: 'category' }];

function agree(measures: MeasureDefinition[]): Promise<void> {
  return agreeOnGeneratedData(() => database, { dimensions: byCategory, measures });
}

describe('every measure gives the same result in SQL and in memory', () => {
  it('counts rows, with and without a condition of its own', () =>
    agree([
      { key: 'complaints', aggregate: 'count' },
      { key: 'vipComplaints', aggregate: 'count', where: { '==': [{ var: 'vip' }, true] } },
    ]));

  it('counts distinct text and numeric values, ignoring missing ones', () =>
    agree([
      { key: 'channels', aggregate: 'countDistinct', field: 'channel' },
      { key: 'severities', aggregate: 'countDistinct', field: 'severity' },
      { key: 'days', aggregate: 'countDistinct', field: '$createdAt' },
    ]));

  it('sums and averages money and numbers', () =>
    agree([
      { key: 'total', aggregate: 'sum', field: 'amount' },
      { key: 'average', aggregate: 'avg', field: 'amount' },
      { key: 'scoreSum', aggregate: 'sum', field: 'score' },
      { key: 'bigTotal', aggregate: 'sum', field: 'amount', where: { '>=': [{ var: 'amount' }, 1000000] } },
    ]));

  it('finds minimum and maximum numbers, texts and timestamps', () =>
    agree([
      { key: 'lowest', aggregate: 'min', field: 'score' },
      { key: 'highest', aggregate: 'max', field: 'amount' },
      { key: 'firstChannel', aggregate: 'min', field: 'channel' },
      { key: 'lastOpened', aggregate: 'max', field: 'openedOn' },
      { key: 'firstCreated', aggregate: 'min', field: '$createdAt' },
    ]));

  it('interpolates percentiles as percentile_cont does', () =>
    agree([
      { key: 'median', aggregate: 'percentile', field: 'score', percentile: 0.5 },
      { key: 'p90', aggregate: 'percentile', field: 'amount', percentile: 0.9 },
    ]));

  it('divides two measures, with no value when the denominator is zero', () =>
    agree([
      { key: 'all', aggregate: 'count' },
      { key: 'breached', aggregate: 'count', where: { '>': [{ var: 'severity' }, 3] } },
      { key: 'breachRate', aggregate: 'ratio', numerator: 'breached', denominator: 'all' },
      { key: 'vip', aggregate: 'count', where: { '!!': { var: 'vip' } } },
      { key: 'breachedPerVip', aggregate: 'ratio', numerator: 'breached', denominator: 'vip' },
    ]));

  it('measures durations in hours between a column and a JSON timestamp', () =>
    agree([
      {
        key: 'medianResponse',
        aggregate: 'duration',
        from: '$createdAt',
        to: 'firstResponseAt',
        unit: 'hours',
        statistic: 'percentile',
        percentile: 0.5,
      },
      {
        key: 'averageResolution',
        aggregate: 'duration',
        from: '$createdAt',
        to: 'resolvedAt',
        unit: 'hours',
        statistic: 'avg',
      },
      {
        key: 'longest',
        aggregate: 'duration',
        from: 'firstResponseAt',
        to: 'resolvedAt',
        unit: 'hours',
        statistic: 'max',
      },
    ]));

  it('counts working days, skipping weekends and holidays, negative when the end comes first', () =>
    agree([
      {
        key: 'workingDays',
        aggregate: 'duration',
        from: '$createdAt',
        to: 'resolvedAt',
        unit: 'workingDays',
        statistic: 'sum',
        holidays: ['2025-12-25', '2026-01-01', '2026-02-17', '2026-10-01'],
      },
      {
        key: 'minDays',
        aggregate: 'duration',
        from: 'openedOn',
        to: 'resolvedAt',
        unit: 'workingDays',
        statistic: 'min',
      },
    ]));
});
