import type { ChartDefinition, DatasetDefinition } from '@tessera/reports';
import { drillPoint } from './drill-point';

const dataset: DatasetDefinition = {
  key: 'by_month',
  source: { type: 'records', form: 'complaint' },
  dimensions: [
    { key: 'month', field: 'receivedAt', bucket: 'month' },
    { key: 'category', field: 'category' },
  ],
  measures: [{ key: 'count', aggregate: 'count' }],
};
const rows = [
  { month: '2026-09-01', category: 'fees', count: 3 },
  { month: '2026-09-01', category: 'service_attitude', count: 1 },
  { month: '2026-10-01', category: 'fees', count: 2 },
];

describe('the segment behind a chart click', () => {
  it('names the category by its axis label and the series by its legend name', () => {
    const chart: ChartDefinition = { key: 'c', type: 'stackedBar', title: { 'zh-CN': '投诉', en: 'Complaints' }, dataset: 'by_month', category: 'month', series: 'category', measures: ['count'] };
    expect(drillPoint(chart, dataset, rows, { name: '2026年10月', seriesName: 'fees', dataIndex: 1 }, 'zh-CN')).toEqual({ month: '2026-10-01', category: 'fees' });
    expect(drillPoint(chart, dataset, rows, { name: '2026-09', seriesName: 'service_attitude', dataIndex: 0 }, 'en')).toEqual({ month: '2026-09-01', category: 'service_attitude' });
  });

  it('falls back to the position along the axis when the label was translated by the server', () => {
    const chart: ChartDefinition = { key: 'c', type: 'bar', title: { 'zh-CN': '投诉', en: 'Complaints' }, dataset: 'by_month', category: 'category', measures: ['count'] };
    expect(drillPoint(chart, dataset, rows, { name: '服务态度', dataIndex: 1 }, 'zh-CN')).toEqual({ category: 'service_attitude' });
  });

  it('names nothing for a chart without a category, or a click outside the data', () => {
    const kpi: ChartDefinition = { key: 'k', type: 'kpi', title: { 'zh-CN': '总数', en: 'Total' }, dataset: 'by_month', measures: ['count'] };
    expect(drillPoint(kpi, dataset, rows, { name: '', dataIndex: 0 }, 'zh-CN')).toBeNull();
    const bar: ChartDefinition = { ...kpi, type: 'bar', category: 'category' };
    expect(drillPoint(bar, dataset, rows, { name: 'unknown', dataIndex: 9 }, 'zh-CN')).toBeNull();
  });
});
