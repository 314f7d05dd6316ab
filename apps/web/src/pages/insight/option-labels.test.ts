import type { ChartDefinition, DatasetDefinition } from '@tessera/reports';
import type { FieldDefinition } from '@tessera/ui';
import { drillPoint } from './drill-point';
import { listingTable, optionLabeler, relabelOption } from './option-labels';

const tier = {
  key: 'tier',
  type: 'select',
  label: { 'zh-CN': '客户层级', en: 'Tier' },
  options: [
    { value: 'mass', label: { 'zh-CN': '大众', en: 'Mass' } },
    { value: 'vip', label: { 'zh-CN': '贵宾', en: 'VIP' } },
  ],
} as unknown as FieldDefinition;
const fields = new Map([[tier.key, tier]]);
const dataset: DatasetDefinition = { key: 'd', source: { type: 'records', form: 'customer' }, dimensions: [{ key: 'tier', field: 'tier' }], measures: [{ key: 'n', aggregate: 'count' }] };
const chart: ChartDefinition = { key: 'c', type: 'bar', title: { 'zh-CN': '分层', en: 'Tiers' }, dataset: 'd', category: 'tier', measures: ['n'] };
const rows = [
  { tier: 'mass', n: 5 },
  { tier: 'vip', n: 2 },
];

describe('option labels on dashboard charts', () => {
  it('shows the option labels of a choice field on the axis and slices, and drills back to the stored value', () => {
    const labelOf = optionLabeler(dataset, fields, 'zh-CN');
    const bar = relabelOption({ xAxis: { type: 'category', data: ['mass', 'vip'] }, series: [{ type: 'bar', name: '客户数', data: [5, 2] }] }, chart, rows, labelOf);
    expect((bar.xAxis as { data: string[] }).data).toEqual(['大众', '贵宾']);
    const pie = relabelOption({ legend: { data: ['mass', 'vip'] }, series: [{ type: 'pie', data: [{ name: 'mass', value: 5 }, { name: 'vip', value: 2 }] }] }, { ...chart, type: 'pie' }, rows, optionLabeler(dataset, fields, 'en'));
    expect((pie.series as Array<{ data: Array<{ name: string }> }>)[0]!.data.map((slice) => slice.name)).toEqual(['Mass', 'VIP']);
    expect((pie.legend as { data: string[] }).data).toEqual(['Mass', 'VIP']);
    expect(drillPoint(chart, dataset, [...rows].reverse(), { name: '贵宾', dataIndex: 1 }, 'zh-CN', labelOf)).toEqual({ tier: 'vip' });
  });

  it('builds a listing table from rows with column titles and option labels', () => {
    const listing: DatasetDefinition = { key: 'l', source: { type: 'records', form: 'customer' }, columns: [{ key: 'name', field: 'name', label: { 'zh-CN': '姓名', en: 'Name' } }, { key: 'tier', field: 'tier' }, { key: 'aum', field: 'aum' }] };
    const table = listingTable(listing, [{ name: '刘**', tier: 'vip', aum: 1234567.5 }], fields, 'zh-CN');
    expect(table.columns.map((column) => [column.title, column.align])).toEqual([
      ['姓名', 'left'],
      ['客户层级', 'left'],
      ['aum', 'right'],
    ]);
    expect(table.rows).toEqual([{ name: '刘**', tier: '贵宾', aum: '1,234,567.5' }]);
  });
});
