import { DeleteOutlined, DragOutlined, PlusOutlined } from '@ant-design/icons';
import { localize } from '@tessera/rules';
import type { DashboardDefinition, ReportDefinition } from '@tessera/reports';
import { Button, Empty, Input, InputNumber, Select, Space, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { useDrag, useDrop } from 'react-dnd';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import { addWidget, GRID_COLUMNS, moveWidget, removeWidget, resizeWidget } from './report-draft';

const WIDGET_ITEM = 'dashboard-widget';
const ROW = 28;
const GAP = 8;

function WidgetBox({ report, dashboard, index, onChange }: { report: ReportDefinition; dashboard: DashboardDefinition; index: number; onChange(next: DashboardDefinition): void }) {
  const { t, locale } = useLocale();
  const widget = dashboard.widgets[index]!;
  const chart = report.charts?.find((candidate) => candidate.key === widget.chart);
  const columns = dashboard.columns ?? GRID_COLUMNS;
  const [{ dragging }, drag, preview] = useDrag(() => ({ type: WIDGET_ITEM, item: { index }, collect: (monitor) => ({ dragging: monitor.isDragging() }) }), [index]);
  return (
    <div
      ref={(node) => void preview(node)}
      className={`layout-widget${dragging ? ' dragging' : ''}`}
      data-testid={`layout-widget-${widget.chart}`}
      style={{
        left: `calc(${(widget.x / columns) * 100}% + ${GAP / 2}px)`,
        width: `calc(${(widget.w / columns) * 100}% - ${GAP}px)`,
        top: widget.y * ROW + GAP / 2,
        height: widget.h * ROW - GAP,
      }}
    >
      <div className="layout-widget-head">
        <span ref={(node) => void drag(node)} className="layout-widget-handle" title={t('designer.dragToMove')}>
          <DragOutlined />
        </span>
        <Typography.Text strong ellipsis className="layout-widget-title">
          {chart ? localize(chart.title, locale) : widget.chart}
        </Typography.Text>
        {chart && <Tag bordered={false}>{t(`chartType.${chart.type}` as MessageKey)}</Tag>}
        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('designer.remove')} onClick={() => onChange(removeWidget(dashboard, index))} />
      </div>
      <Space size={6} wrap className="layout-widget-size">
        <span>{t('designer.width')}</span>
        <InputNumber size="small" min={1} max={columns} value={widget.w} onChange={(value) => value && onChange(resizeWidget(dashboard, index, { w: value }))} style={{ width: 64 }} />
        <span>{t('designer.height')}</span>
        <InputNumber size="small" min={2} max={24} value={widget.h} onChange={(value) => value && onChange(resizeWidget(dashboard, index, { h: value }))} style={{ width: 64 }} />
      </Space>
    </div>
  );
}

/** The layout of one dashboard: the report's charts placed on a 24-column grid, moved by dragging and sized by number. */
export function DashboardEditor({ report, dashboard, problems, onChange }: { report: ReportDefinition; dashboard: DashboardDefinition; problems: string[]; onChange(next: DashboardDefinition): void }) {
  const { t, locale } = useLocale();
  const grid = useRef<HTMLDivElement>(null);
  const columns = dashboard.columns ?? GRID_COLUMNS;
  const [, drop] = useDrop(
    () => ({
      accept: WIDGET_ITEM,
      drop: (item: { index: number }, monitor) => {
        const delta = monitor.getDifferenceFromInitialOffset();
        const width = grid.current?.clientWidth ?? 1;
        const widget = dashboard.widgets[item.index];
        if (!delta || !widget) return;
        onChange(moveWidget(dashboard, item.index, widget.x + delta.x / (width / columns), widget.y + delta.y / ROW));
      },
    }),
    [dashboard, onChange, columns],
  );
  const placed = new Set(dashboard.widgets.map((widget) => widget.chart));
  const unplaced = (report.charts ?? []).filter((chart) => !placed.has(chart.key));
  const rows = Math.max(12, ...dashboard.widgets.map((widget) => widget.y + widget.h + 2));
  return (
    <div className="dashboard-editor" data-testid="dashboard-editor">
      <Space wrap className="dashboard-editor-bar">
        <Input addonBefore={t('designer.dashboardTitleZh')} value={dashboard.title['zh-CN']} onChange={(event) => onChange({ ...dashboard, title: { ...dashboard.title, 'zh-CN': event.target.value } })} style={{ width: 280 }} />
        <Input addonBefore={t('designer.dashboardTitleEn')} value={dashboard.title.en} onChange={(event) => onChange({ ...dashboard, title: { ...dashboard.title, en: event.target.value } })} style={{ width: 280 }} />
        <Select
          value={null}
          placeholder={t('designer.addToDashboard')}
          style={{ width: 220 }}
          disabled={unplaced.length === 0}
          options={unplaced.map((chart) => ({ value: chart.key, label: localize(chart.title, locale) }))}
          onChange={(chart: string) => onChange(addWidget(dashboard, chart))}
          suffixIcon={<PlusOutlined />}
          data-testid="add-widget"
        />
      </Space>
      {problems.map((problem) => (
        <Typography.Text key={problem} type="danger" className="control-problem">
          {problem}
        </Typography.Text>
      ))}
      <div
        ref={(node) => {
          grid.current = node;
          void drop(node);
        }}
        className="layout-grid"
        style={{ height: rows * ROW, backgroundSize: `calc(100% / ${columns}) ${ROW}px` }}
        data-testid="layout-grid"
      >
        {dashboard.widgets.length === 0 && <Empty className="layout-empty" description={t('designer.dashboardEmpty')} />}
        {dashboard.widgets.map((widget, index) => (
          <WidgetBox key={`${widget.chart}-${index}`} report={report} dashboard={dashboard} index={index} onChange={onChange} />
        ))}
      </div>
    </div>
  );
}
