import type { DashboardDefinition, DatasetDefinition, ReportDefinition } from '@tessera/reports';
import { addWidget, sameSource, sourceId, chartFromWells, dropField, moveWidget, problemsAt, removeChart, resizeWidget, setAggregate, setBucket, toKey } from './report-draft';

const source = { type: 'records', form: 'customer' } as const;
const empty: DatasetDefinition = { key: 'd', source, dimensions: [], measures: [] };
const tier = { key: 'tier', label: { 'zh-CN': '层级', en: 'Tier' }, type: 'select' };
const aum = { key: 'aum', label: { 'zh-CN': 'AUM', en: 'AUM' }, type: 'money' };
const opened = { key: 'createdAt', label: { 'zh-CN': '创建时间', en: 'Created' }, type: 'datetime' };

describe('the report designer draft', () => {
  it('turns dropped fields into dimensions (dates by month) and measures (sums of numbers, distinct counts otherwise) with unique keys', () => {
    let dataset = dropField(empty, 'dimensions', tier);
    dataset = dropField(dataset, 'dimensions', opened);
    dataset = dropField(dataset, 'measures', aum);
    dataset = dropField(dataset, 'measures', aum);
    dataset = dropField(dataset, 'measures', tier);
    dataset = dropField(dataset, 'measures', { key: '', label: { 'zh-CN': '记录数', en: 'Records' }, type: 'count' });
    expect(dataset.dimensions).toEqual([
      { key: 'tier', field: 'tier', label: tier.label },
      { key: 'createdAt', field: 'createdAt', label: opened.label, bucket: 'month' },
    ]);
    expect(dataset.measures?.map((measure) => [measure.key, measure.aggregate])).toEqual([
      ['sum_aum', 'sum'],
      ['sum_aum_2', 'sum'],
      ['countDistinct_tier', 'countDistinct'],
      ['count', 'count'],
    ]);
  });

  it('changes aggregates and date buckets in place', () => {
    let dataset = dropField(dropField(empty, 'measures', aum), 'dimensions', opened);
    dataset = setAggregate(dataset, 'sum_aum', 'avg');
    expect(dataset.measures?.[0]).toEqual({ key: 'sum_aum', aggregate: 'avg', field: 'aum', label: aum.label });
    dataset = setAggregate(dataset, 'sum_aum', 'count');
    expect(dataset.measures?.[0]?.aggregate).toBe('count');
    dataset = setBucket(dataset, 'createdAt', 'quarter');
    expect(dataset.dimensions?.[0]?.bucket).toBe('quarter');
    dataset = setBucket(dataset, 'createdAt', undefined);
    expect(dataset.dimensions?.[0]).not.toHaveProperty('bucket');
  });

  it('draws the first dimension along the axis and the second as series only where the chart type splits series', () => {
    const dataset = dropField(dropField(dropField(dropField(empty, 'dimensions', opened), 'dimensions', tier), 'measures', aum), 'measures', tier);
    const title = { 'zh-CN': '图', en: 'Chart' };
    expect(chartFromWells({ key: 'c', type: 'bar', title, dataset: 'd' }, dataset)).toEqual({ key: 'c', type: 'bar', title, dataset: 'd', category: 'createdAt', measures: ['sum_aum', 'countDistinct_tier'] });
    expect(chartFromWells({ key: 'c', type: 'stackedBar', title, dataset: 'd', series: 'old' }, dataset)).toMatchObject({ category: 'createdAt', series: 'tier' });
    expect(chartFromWells({ key: 'c', type: 'pie', title, dataset: 'd' }, dataset)).toMatchObject({ category: 'createdAt', measures: ['sum_aum'] });
    expect(chartFromWells({ key: 'c', type: 'kpi', title, dataset: 'd' }, dataset)).not.toHaveProperty('category');
  });

  it('keeps dashboard widgets inside the 24 columns when moved or resized, and stacks new ones below', () => {
    let dashboard: DashboardDefinition = { key: 'main', title: { 'zh-CN': '看板', en: 'Board' }, widgets: [{ chart: 'a', x: 0, y: 0, w: 12, h: 8 }] };
    dashboard = moveWidget(dashboard, 0, 20, 3.4);
    expect(dashboard.widgets[0]).toMatchObject({ x: 12, y: 3 });
    dashboard = resizeWidget(dashboard, 0, { w: 18 });
    expect(dashboard.widgets[0]).toMatchObject({ x: 6, w: 18 });
    dashboard = resizeWidget(dashboard, 0, { w: 40, h: 1 });
    expect(dashboard.widgets[0]).toMatchObject({ x: 0, w: 24, h: 2 });
    dashboard = addWidget(dashboard, 'b');
    expect(dashboard.widgets[1]).toEqual({ chart: 'b', x: 0, y: 5, w: 12, h: 8 });
  });

  it('removes a chart from dashboards and drops its dataset only when no other chart uses it', () => {
    const report: ReportDefinition = {
      key: 'r',
      title: { 'zh-CN': '报表', en: 'Report' },
      datasets: [empty, { ...empty, key: 'e' }],
      charts: [
        { key: 'a', type: 'bar', title: { 'zh-CN': 'a', en: 'a' }, dataset: 'd', measures: [] },
        { key: 'b', type: 'bar', title: { 'zh-CN': 'b', en: 'b' }, dataset: 'd', measures: [] },
        { key: 'c', type: 'bar', title: { 'zh-CN': 'c', en: 'c' }, dataset: 'e', measures: [] },
      ],
      dashboards: [{ key: 'x', title: { 'zh-CN': 'x', en: 'x' }, widgets: [{ chart: 'a', x: 0, y: 0, w: 6, h: 6 }, { chart: 'c', x: 6, y: 0, w: 6, h: 6 }] }],
    };
    const withoutA = removeChart(report, 'a');
    expect(withoutA.datasets.map((dataset) => dataset.key)).toEqual(['d', 'e']);
    expect(withoutA.dashboards?.[0]?.widgets.map((widget) => widget.chart)).toEqual(['c']);
    expect(removeChart(withoutA, 'c').datasets.map((dataset) => dataset.key)).toEqual(['d']);
  });

  it('finds the save problems that belong to one control by path', () => {
    const details = [
      { path: 'charts[0].category', code: 'x', message: 'needs a category' },
      { path: 'charts[1].title', code: 'x', message: 'other chart' },
      { path: 'datasets[0].measures[1].field', code: 'x', message: 'bad field' },
      { path: 'key', code: 'x', message: 'bad key' },
    ];
    expect(problemsAt(details, 'charts[0]')).toEqual(['needs a category']);
    expect(problemsAt(details, 'datasets[0].measures')).toEqual(['bad field']);
    expect(problemsAt(details, 'key')).toEqual(['bad key']);
    expect(toKey('customer.id')).toBe('customer_id');
    expect(toKey('1st')).toBe('f_1st');
  });

  it('knows a source whatever the order of its keys', () => {
    expect(sameSource({ form: 'customer', type: 'records' } as unknown as typeof source, source)).toBe(true);
    expect(sameSource({ type: 'records', form: 'complaint' }, source)).toBe(false);
    expect(sourceId({ type: 'tasks' })).toBe('type=tasks');
  });
});
