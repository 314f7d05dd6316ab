import fc from 'fast-check';
import type { ReportDefinition } from '../definition/types';
import { buildChart } from '../charts/build-chart';
import { compileDataset } from '../dataset/compile-dataset';
import { toSql } from '../dataset/to-sql';
import { compileReport } from '../definition/compile-report';
import { complaintRecord, complaintSchema } from '../test-support/complaint-data';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { runBothWays } from '../test-support/parity';
import { renderSvg } from '../test-support/render-chart';
import report from './fixtures/complaints.report.json';
import { datasetParameters, drillDown, planDashboard, previousPeriod } from './dashboard';

jest.setTimeout(60_000);

const definition = report as ReportDefinition;
const dashboard = definition.dashboards![0]!;
let database: TestDatabase;
let rows: Record<string, unknown>[];

beforeAll(async () => {
  database = await openTestDatabase();
  rows = fc.sample(
    fc.uniqueArray(complaintRecord, { minLength: 300, maxLength: 300, selector: (record) => record.id }),
    { numRuns: 1, seed: 42 },
  )[0]!;
  await database.insert('record', rows);
});
afterAll(() => database.close());

describe('dashboards', () => {
  it('binds shared filters to each dataset parameter, using defaults for empty filters', () => {
    expect(datasetParameters(dashboard, 'service', { branch: '上海分行' })).toEqual({
      from: '2026-01-01',
      to: '2026-04-01',
      branch: '上海分行',
    });
    expect(datasetParameters(dashboard, 'aumBands', { branch: '上海分行' })).toEqual({});
    expect(datasetParameters(dashboard, 'service', { branch: '' })).toEqual({ from: '2026-01-01', to: '2026-04-01' });
  });

  it('compares a KPI with the period of the same length just before', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-04-01', branch: 'x' }, { from: 'from', to: 'to' })).toEqual({
      from: '2026-01-29',
      to: '2026-03-01',
      branch: 'x',
    });
    expect(previousPeriod({ from: '2026-03-01' }, { from: 'from', to: 'to' })).toBeUndefined();
  });

  it('runs every widget of a dashboard on the database and draws it as ECharts renders it', async () => {
    const compiled = compileReport(definition, { schemaFor: () => complaintSchema });
    const plan = planDashboard(definition, 'main', { branch: '北京分行' });
    expect(plan.map((entry) => entry.chart.key)).toEqual(['breachKpi', 'responseGauge', 'bands', 'trend']);
    expect(plan[0]!.previousParams).toEqual({ from: '2025-10-03', to: '2026-01-01', branch: '北京分行' });
    for (const entry of plan) {
      const dataset = compiled.datasets[entry.dataset.key]!;
      const query = toSql(dataset, entry.params);
      const result = await database.query(query.text, query.values);
      const previous = entry.previousParams ? toSql(dataset, entry.previousParams) : undefined;
      const previousRows = previous ? await database.query(previous.text, previous.values) : undefined;
      const output = buildChart({
        chart: entry.chart,
        dataset: entry.dataset,
        rows: result as never,
        previousRows: previousRows as never,
      });
      if (output.kind === 'table') throw new Error('no tables on this dashboard');
      expect(renderSvg(output.option)).toContain('<svg');
      if (output.kind === 'kpi') expect(output.kpi.value).not.toBeNull();
    }
    const trend = plan.find((entry) => entry.chart.key === 'trend')!;
    const query = toSql(compiled.datasets.perCategoryPerMonth!, trend.params);
    const result = await database.query(query.text, query.values);
    expect(new Set(result.map((row) => row.month))).toEqual(new Set(['2026-01-01', '2026-02-01', '2026-03-01']));
  });

  it('drills down from a clicked segment to the records behind it, the same in SQL and in memory', async () => {
    const params = datasetParameters(dashboard, 'perCategoryPerMonth', {});
    const perMonth = toSql(compileDataset(definition.datasets[0]!, { schema: complaintSchema }), params);
    const counted = await database.query(perMonth.text, perMonth.values);
    const clicked = counted.find((row) => row.category !== null)!;
    const segmentListing = drillDown(definition, 'main', 'trend', {
      category: clicked.month as string,
      series: clicked.category as string,
    });
    expect(segmentListing.segment!.map((segment) => [segment.dimension.key, segment.value])).toEqual([
      ['month', clicked.month],
      ['category', clicked.category],
    ]);
    expect(segmentListing.filter).toEqual(definition.datasets[0]!.filter);
    const listed = await runBothWays(
      database,
      compileDataset(segmentListing, { schema: complaintSchema }),
      rows,
      params,
    );
    expect(Object.keys(listed[0]!)).toEqual(['id', 'createdAt', 'branch', 'amount']);
    expect(listed.length).toBe(clicked.complaints);
  });
});
