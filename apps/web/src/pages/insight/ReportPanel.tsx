import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { KpiSummary, TableModel } from '@tessera/reports';
import { Chart, type ChartSelection } from '@tessera/ui';
import { Empty, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useLocale } from '../../i18n/locale-context';

export interface PanelContent {
  option?: Record<string, unknown>;
  kpi?: KpiSummary;
  table?: TableModel;
}

/**
 * The option without its own title (the card around it has one), with room at the top freed.
 * The engine's options are plain JSON, so a shallow copy is enough.
 */
export function inCardOption(option: Record<string, unknown>): Record<string, unknown> {
  const { title: _title, ...rest } = option;
  const grid = rest.grid as Record<string, unknown> | undefined;
  // A category axis reads by its labels; its name at the axis end would be cut off in a narrow panel.
  const unnamed = (axis: unknown): unknown => {
    if (Array.isArray(axis)) return axis.map(unnamed);
    if (axis && typeof axis === 'object' && (axis as { type?: unknown }).type === 'category') {
      const { name: _name, ...kept } = axis as Record<string, unknown>;
      return kept;
    }
    return axis;
  };
  // A funnel fills its box by default and runs into the legend below it.
  const series = Array.isArray(rest.series) ? rest.series.map((entry: Record<string, unknown>) => (entry.type === 'funnel' ? { ...entry, top: 8, bottom: rest.legend ? 64 : 8, minSize: '8%' } : entry)) : rest.series;
  return {
    ...rest,
    series,
    ...(rest.xAxis ? { xAxis: unnamed(rest.xAxis) } : {}),
    ...(rest.yAxis ? { yAxis: unnamed(rest.yAxis) } : {}),
    ...(grid && !Array.isArray(grid) ? { grid: { ...grid, top: 36, right: 24 } } : {}),
  };
}

export function KpiCard({ kpi }: { kpi: KpiSummary }) {
  const { t } = useLocale();
  const Icon = kpi.trend === 'up' ? ArrowUpOutlined : kpi.trend === 'down' ? ArrowDownOutlined : MinusOutlined;
  return (
    <div className="kpi-card" data-testid="kpi-card">
      <div className="kpi-value">{kpi.formatted}</div>
      {kpi.change !== null && (
        <div className={`kpi-change kpi-${kpi.trend ?? 'flat'}`}>
          <Icon /> {`${kpi.change > 0 ? '+' : ''}${(kpi.change * 100).toFixed(1)}%`}
          <Typography.Text type="secondary" className="kpi-previous">
            {t('dashboard.previous', { value: kpi.previousFormatted })}
          </Typography.Text>
        </div>
      )}
    </div>
  );
}

export function TablePanel({ table, height }: { table: TableModel; height?: number }) {
  return (
    <Table<Record<string, string>>
      size="small"
      rowKey={(_, index) => String(index)}
      dataSource={table.rows}
      pagination={false}
      scroll={{ y: height, x: 'max-content' }}
      columns={table.columns.map((column) => ({ key: column.key, dataIndex: column.key, title: column.title, align: column.align }))}
      data-testid="table-panel"
    />
  );
}

/** One panel's body: an ECharts chart (its module loaded on first use), a KPI card or a table. */
export function PanelBody({ content, height, onSelect }: { content: PanelContent; height: number; onSelect?: (selection: ChartSelection) => void }) {
  const { t, locale } = useLocale();
  const option = useMemo(() => (content.option ? inCardOption(content.option) : undefined), [content.option]);
  if (content.kpi) return <KpiCard kpi={content.kpi} />;
  if (content.table) return <TablePanel table={content.table} height={Math.max(80, height - 40)} />;
  if (option) return <Chart option={option} locale={locale} height={height} onSelect={onSelect} />;
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noData')} />;
}
