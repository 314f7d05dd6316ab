import { DefinitionError } from '@tessera/rules';
import type { ResultRow } from '../dataset/evaluate-in-memory';
import type { ChartDefinition, DatasetDefinition } from '../definition/types';
import { renderSvg } from '../test-support/render-chart';
import { buildChart } from './build-chart';
import type { ChartOption } from './chart-output';

const dataset: DatasetDefinition = {
  key: 'complaints',
  source: { type: 'records', form: 'complaint' },
  dimensions: [
    { key: 'month', field: '$createdAt', bucket: 'month', label: { 'zh-CN': '月份', en: 'Month' } },
    { key: 'category', field: 'category', label: { 'zh-CN': '类别', en: 'Category' } },
  ],
  measures: [
    { key: 'complaints', aggregate: 'count', label: { 'zh-CN': '投诉量', en: 'Complaints' } },
    {
      key: 'amount',
      aggregate: 'sum',
      field: 'amount',
      label: { 'zh-CN': '涉及金额', en: 'Amount' },
      format: { type: 'money', currency: 'CNY' },
    },
    {
      key: 'breachRate',
      aggregate: 'ratio',
      numerator: 'complaints',
      denominator: 'complaints',
      label: { 'zh-CN': '超时率', en: 'Breach rate' },
    },
  ],
};

const rows: ResultRow[] = [
  { month: '2026-01-01', category: '信用卡', complaints: 12, amount: 3_500_000, breachRate: 0.25 },
  { month: '2026-01-01', category: '贷款', complaints: 5, amount: 120_000_000, breachRate: 0.1 },
  { month: '2026-02-01', category: '信用卡', complaints: 9, amount: 800_000, breachRate: 0.5 },
];

function chart(overrides: Partial<ChartDefinition>): ChartDefinition {
  return {
    key: 'chart',
    type: 'bar',
    title: { 'zh-CN': '投诉趋势', en: 'Complaint trend' },
    dataset: 'complaints',
    measures: ['complaints'],
    ...overrides,
  };
}

function option(
  definition: Partial<ChartDefinition>,
  locale: 'zh-CN' | 'en' = 'zh-CN',
  previousRows?: ResultRow[],
): ChartOption {
  const output = buildChart({ chart: chart(definition), dataset, rows, locale, previousRows });
  if (output.kind === 'table') throw new Error('expected an ECharts option');
  return output.option;
}

type Series = { type: string; name: string; data: unknown[]; stack?: string; areaStyle?: object }[];

describe('cartesian charts', () => {
  it('draws a stacked bar with one series per category and months along the axis, in the chosen language', () => {
    const stacked = option({ type: 'stackedBar', category: 'month', series: 'category' });
    expect(stacked.xAxis).toMatchObject({ type: 'category', name: '月份', data: ['2026年1月', '2026年2月'] });
    expect(stacked.yAxis).toMatchObject({ type: 'value', name: '投诉量' });
    expect((stacked.series as Series).map(({ type, name, data, stack }) => ({ type, name, data, stack }))).toEqual([
      { type: 'bar', name: '信用卡', data: [12, 9], stack: 'total' },
      { type: 'bar', name: '贷款', data: [5, null], stack: 'total' },
    ]);
    const svg = renderSvg(stacked);
    expect(svg).toContain('<svg');
    expect(svg).toContain('2026年1月');
    expect(svg).toContain('投诉趋势');
  });

  it('scales amounts to 亿元 or 100M on the value axis', () => {
    const bars = option({ type: 'bar', category: 'category', measures: ['amount'] });
    expect((bars.yAxis as { name: string }).name).toBe('涉及金额（亿元）');
    expect((bars.series as Series)[0]!.data).toEqual([0.04, 1.2]);
    const english = option({ type: 'bar', category: 'category', measures: ['amount'] }, 'en');
    expect((english.yAxis as { name: string }).name).toBe('Amount (100M CNY)');
    expect((english.title as { text: string }).text).toBe('Complaint trend');
    renderSvg(english);
  });

  it('draws lines and areas, and percentages on a 0–100 axis', () => {
    const line = option({ type: 'line', category: 'category', measures: ['breachRate'] });
    expect((line.series as Series)[0]).toMatchObject({ type: 'line', data: [25, 10] });
    expect((line.yAxis as { name: string }).name).toBe('超时率（%）');
    const area = option({ type: 'area', category: 'month', series: 'category' });
    expect(
      (area.series as Series).every((series) => series.type === 'line' && series.areaStyle && series.stack === 'total'),
    ).toBe(true);
    expect(renderSvg(area)).toContain('<path');
  });

  it('turns the axes round for a horizontal bar chart', () => {
    const horizontal = option({ type: 'bar', category: 'category', horizontal: true });
    expect(horizontal.yAxis).toMatchObject({ type: 'category', data: ['信用卡', '贷款'] });
    expect(horizontal.xAxis).toMatchObject({ type: 'value' });
    renderSvg(horizontal);
  });

  it('lays the bands of a range dimension out low to high as declared, unless the dataset sorts', () => {
    const bands: DatasetDefinition = {
      key: 'bands',
      source: { type: 'records', form: 'customer' },
      dimensions: [
        {
          key: 'band',
          field: 'aum',
          ranges: [
            { key: 'lt_50k', label: { 'zh-CN': '5 万以下', en: '< 50k' }, to: 50_000 },
            { key: '50k_1m', label: { 'zh-CN': '5–100 万', en: '50k–1M' }, from: 50_000, to: 1_000_000 },
            { key: 'ge_1m', label: { 'zh-CN': '100 万以上', en: '≥ 1M' }, from: 1_000_000 },
          ],
        },
      ],
      measures: [{ key: 'customers', aggregate: 'count' }],
    };
    // Rows as the database returns them, ordered by the band keys' text.
    const byKeyText: ResultRow[] = [
      { band: '50k_1m', customers: 40 },
      { band: 'ge_1m', customers: 5 },
      { band: 'lt_50k', customers: 70 },
    ];
    const bar = chart({ dataset: 'bands', category: 'band', measures: ['customers'] });
    const drawn = buildChart({ chart: bar, dataset: bands, rows: byKeyText, locale: 'zh-CN' });
    if (drawn.kind === 'table') throw new Error('expected an ECharts option');
    expect(drawn.option.xAxis).toMatchObject({ data: ['5 万以下', '5–100 万', '100 万以上'] });
    expect((drawn.option.series as Series)[0]!.data).toEqual([70, 40, 5]);

    const fewestFirst = [...byKeyText].sort((a, b) => Number(a.customers) - Number(b.customers));
    const sorted = buildChart({ chart: bar, dataset: { ...bands, sort: [{ by: 'customers', direction: 'asc' }] }, rows: fewestFirst, locale: 'zh-CN' });
    if (sorted.kind === 'table') throw new Error('expected an ECharts option');
    expect(sorted.option.xAxis).toMatchObject({ data: ['100 万以上', '5–100 万', '5 万以下'] });
    expect((sorted.option.series as Series)[0]!.data).toEqual([5, 40, 70]);
  });
});

describe('part-to-whole charts', () => {
  it('draws a donut with one slice per category', () => {
    const donut = option({ type: 'donut', category: 'category' });
    const [series] = donut.series as (Series[number] & { radius: unknown })[];
    expect(series!.radius).toEqual(['45%', '70%']);
    expect(series!.data).toEqual([
      { name: '信用卡', value: 12 },
      { name: '贷款', value: 5 },
    ]);
    expect(renderSvg(donut)).toContain('信用卡');
  });

  it('draws a funnel of process stages in their order, empty stages as 0', () => {
    const funnelDataset: DatasetDefinition = {
      key: 'stages',
      source: { type: 'tasks', process: 'complaint' },
      dimensions: [{ key: 'stage', field: '$elementId' }],
      measures: [{ key: 'tasks', aggregate: 'count' }],
    };
    const output = buildChart({
      chart: {
        key: 'f',
        type: 'funnel',
        title: { 'zh-CN': '处理漏斗', en: 'Funnel' },
        dataset: 'stages',
        category: 'stage',
        measures: ['tasks'],
        order: ['register', 'investigate', 'resolve', 'close'],
      },
      dataset: funnelDataset,
      rows: [
        { stage: 'resolve', tasks: 40 },
        { stage: 'register', tasks: 100 },
        { stage: 'investigate', tasks: 70 },
      ],
    });
    if (output.kind !== 'echarts') throw new Error('expected an option');
    const [series] = output.option.series as (Series[number] & { sort: string })[];
    expect(series!.sort).toBe('none');
    expect(series!.data).toEqual([
      { name: 'register', value: 100 },
      { name: 'investigate', value: 70 },
      { name: 'resolve', value: 40 },
      { name: 'close', value: 0 },
    ]);
    expect(renderSvg(output.option)).toContain('investigate');
  });
});

describe('single values', () => {
  it('shows a rate on a gauge from 0 to 100', () => {
    const gauge = option({ type: 'gauge', measures: ['breachRate'] });
    expect((gauge.series as (Series[number] & { max: number })[])[0]).toMatchObject({
      type: 'gauge',
      max: 100,
      data: [{ value: 25 }],
    });
    renderSvg(gauge);
  });

  it('compares a KPI with the previous period, red for a rise', () => {
    const output = buildChart({
      chart: chart({ type: 'kpi', measures: ['amount'] }),
      dataset,
      rows,
      previousRows: [{ amount: 2_500_000 }],
    });
    if (output.kind !== 'kpi') throw new Error('expected a KPI');
    expect(output.kpi).toMatchObject({ value: 3_500_000, formatted: '¥350.00万', previous: 2_500_000, trend: 'up' });
    expect(output.kpi.change).toBeCloseTo(0.4);
    const svg = renderSvg(output.option);
    expect(svg).toContain('¥350.00万');
    expect(svg).toContain('较上期 ▲40.0%');
  });

  it('says when there is no previous period to compare with', () => {
    const output = buildChart({ chart: chart({ type: 'kpi' }), dataset, rows, locale: 'en' });
    if (output.kind !== 'kpi') throw new Error('expected a KPI');
    expect(output.kpi).toMatchObject({ change: null, trend: null, formatted: '12' });
    expect(renderSvg(output.option)).toContain('no previous period');
  });
});

describe('tables and matrices', () => {
  it('formats a table with labelled dimension and measure columns', () => {
    const output = buildChart({
      chart: chart({ type: 'table', measures: ['complaints', 'amount', 'breachRate'] }),
      dataset,
      rows,
    });
    if (output.kind !== 'table') throw new Error('expected a table');
    expect(output.table.columns.map((column) => column.title)).toEqual([
      '月份',
      '类别',
      '投诉量',
      '涉及金额',
      '超时率',
    ]);
    expect(output.table.rows[1]).toEqual({
      month: '2026年1月',
      category: '贷款',
      complaints: '5',
      amount: '¥1.20亿',
      breachRate: '10.0%',
    });
  });

  it('pivots categories against months with totals', () => {
    const output = buildChart({
      chart: chart({ type: 'pivot', category: 'category', series: 'month' }),
      dataset,
      rows,
      locale: 'en',
    });
    if (output.kind !== 'table') throw new Error('expected a table');
    expect(output.table.columns.map((column) => column.title)).toEqual(['Category', '2026-01', '2026-02', 'Total']);
    expect(output.table.rows).toEqual([
      { row: '信用卡', c0: '12', c1: '9', total: '21' },
      { row: '贷款', c0: '5', c1: '', total: '5' },
    ]);
  });

  it('draws a heatmap of months against categories', () => {
    const heatmap = option({ type: 'heatmap', category: 'month', series: 'category' });
    expect((heatmap.series as Series)[0]!.data).toEqual([
      [0, 0, 12],
      [0, 1, 5],
      [1, 0, 9],
    ]);
    expect(heatmap.visualMap).toMatchObject({ min: 5, max: 12 });
    expect(renderSvg(heatmap)).toContain('<svg');
  });
});

describe('chart definitions', () => {
  it('names the dimension or measure a chart asks for that the dataset lacks', () => {
    expect(() =>
      buildChart({ chart: chart({ type: 'stackedBar', category: 'branch', measures: ['total'] }), dataset, rows }),
    ).toThrow(DefinitionError);
    try {
      buildChart({ chart: chart({ type: 'stackedBar', category: 'branch', measures: ['total'] }), dataset, rows });
    } catch (error) {
      expect((error as DefinitionError).problems.map((problem) => problem.path)).toEqual([
        'charts.chart.series',
        'charts.chart.category',
        'charts.chart.measures[0]',
      ]);
    }
  });
});
