import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import type { KpiSummary, TableModel } from '@tessera/reports';
import { Chart, type ChartSelection } from '@tessera/ui';
import { Empty, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useLocale } from '../../i18n/locale-context';
import { inCardOption } from './card-option';

export { inCardOption };

export interface PanelContent {
  option?: Record<string, unknown>;
  kpi?: KpiSummary;
  table?: TableModel;
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
