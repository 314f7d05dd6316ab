import type { ChartDefinition, DatasetDefinition } from '@tessera/reports';
import type { FieldDefinition } from '@tessera/ui';
import { drillPoint } from './drill-point';
import { listingTable, optionLabeler, relabelOption, withUserNames } from './option-labels';

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

  it('names people instead of their user names on axes and in tables, and drills back to the user name', () => {
    const manager = { key: 'accountManager', type: 'userPicker', label: { 'zh-CN': '客户经理', en: 'Account manager' } } as unknown as FieldDefinition;
    const withManager = new Map([...fields, [manager.key, manager]]);
    const names: Record<string, string> = { account_manager: '王芳（客户经理）', account_manager_2: '赵磊（客户经理）' };
    const userName = (who: string) => names[who] ?? who;
    const byManager: DatasetDefinition = { key: 'm', source: { type: 'records', form: 'customer' }, dimensions: [{ key: 'manager', field: 'accountManager' }], measures: [{ key: 'n', aggregate: 'count' }] };
    const managerChart: ChartDefinition = { ...chart, dataset: 'm', category: 'manager' };
    const managerRows = [
      { manager: 'account_manager', n: 3 },
      { manager: 'account_manager_2', n: 1 },
    ];
    const labelOf = optionLabeler(byManager, withManager, 'zh-CN', userName);
    const bar = relabelOption({ xAxis: { type: 'category', data: ['account_manager', 'account_manager_2'] }, series: [{ type: 'bar', data: [3, 1] }] }, managerChart, managerRows, labelOf);
    expect((bar.xAxis as { data: string[] }).data).toEqual(['王芳（客户经理）', '赵磊（客户经理）']);
    expect(drillPoint(managerChart, byManager, managerRows, { name: '赵磊（客户经理）', dataIndex: 1 }, 'zh-CN', labelOf)).toEqual({ manager: 'account_manager_2' });

    const listing: DatasetDefinition = { key: 'l', source: { type: 'records', form: 'customer' }, columns: [{ key: 'tier', field: 'tier' }, { key: 'owner', field: 'accountManager' }] };
    const table = { columns: [{ key: 'tier', title: '层级' }, { key: 'owner', title: '客户经理' }], rows: [{ tier: 'vip', owner: 'account_manager' }, { tier: 'mass', owner: '—' }] };
    expect(withUserNames(table, listing, withManager, userName).rows).toEqual([
      { tier: 'vip', owner: '王芳（客户经理）' },
      { tier: 'mass', owner: '—' },
    ]);
    // Without a user field the table comes back as it was.
    expect(withUserNames(table, dataset, withManager, userName)).toBe(table);
  });
});
