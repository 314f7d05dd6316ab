import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { localize, type LocalizedText } from '@tessera/rules';
import type { ChartSelection, FieldDefinition } from '@tessera/ui';
import { Alert, App, Breadcrumb, Button, Card, DatePicker, Input, InputNumber, Select, Space, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../../api/api-error';
import { fetchForm } from '../../api/forms';
import { drillDashboard, fetchReport, recordListUrl, runDashboard, type DashboardFilterState, type DashboardPanel } from '../../api/reports';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useUserDirectory } from '../../components/user-directory';
import { useLocale } from '../../i18n/locale-context';
import { drillPoint } from './drill-point';
import { listingTable, optionLabeler, relabelOption, withUserNames } from './option-labels';
import { PanelBody } from './ReportPanel';
import './insight.css';

export const ROW_HEIGHT = 36;
export const GRID_GAP = 12;

const text = (value: string | LocalizedText | undefined, locale: 'zh-CN' | 'en') => (value === undefined ? '' : typeof value === 'string' ? value : localize(value, locale));

function FilterControl({ filter, value, onChange }: { filter: DashboardFilterState; value: unknown; onChange: (value: unknown) => void }) {
  const { locale, t } = useLocale();
  const options = filter.options?.map((option) => ({ value: option.value as string | number, label: text(option.label, locale) }));
  switch (filter.type) {
    case 'date':
    case 'datetime':
      return <DatePicker value={typeof value === 'string' && value ? dayjs(value) : null} onChange={(date) => onChange(date ? date.format('YYYY-MM-DD') : undefined)} />;
    case 'number':
      return <InputNumber value={typeof value === 'number' ? value : null} onChange={(next) => onChange(next ?? undefined)} />;
    case 'boolean':
      return <Switch checked={value === true} onChange={(checked) => onChange(checked)} />;
    case 'stringList':
      return <Select mode="multiple" allowClear style={{ minWidth: 200 }} placeholder={t('dashboard.any')} value={Array.isArray(value) ? value : []} options={options} onChange={(next) => onChange(next.length ? next : undefined)} maxTagCount="responsive" />;
    default:
      return options ? (
        <Select allowClear style={{ minWidth: 160 }} placeholder={t('dashboard.any')} value={value as string | undefined} options={options} onChange={(next) => onChange(next ?? undefined)} />
      ) : (
        <Input allowClear style={{ width: 180 }} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value || undefined)} />
      );
  }
}

/** A dashboard: shared filters, then its panels on a 24-column grid; a click on a segment opens the records behind it. */
export function DashboardPage() {
  const { reportKey, dashboardKey } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t, locale } = useLocale();
  const directory = useUserDirectory();
  const [applied, setApplied] = useState<Record<string, unknown> | null>(null);
  const [draft, setDraft] = useState<Record<string, unknown>>({});
  const report = useQuery({ queryKey: ['report', reportKey], queryFn: () => fetchReport(api, reportKey!) });
  const run = useQuery({
    queryKey: ['dashboard-run', reportKey, dashboardKey, applied, locale],
    queryFn: () => runDashboard(api, reportKey!, dashboardKey!, applied ?? {}),
    placeholderData: (previous) => previous,
  });
  const formKeys = [...new Set((report.data?.definition.datasets ?? []).flatMap((dataset) => (dataset.source.type === 'records' ? [dataset.source.form] : [])))];
  const forms = useQueries({
    queries: formKeys.map((formKey) => ({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey), retry: false, staleTime: 60_000 })),
  });
  const fieldsOf = (formKey: string | undefined) => new Map<string, FieldDefinition>((forms[formKeys.indexOf(formKey ?? '')]?.data?.definition.fields ?? []).map((field) => [field.key, field]));
  const drill = useMutation({
    mutationFn: ({ panel, point }: { panel: string; point: Record<string, unknown> }) => drillDashboard(api, reportKey!, dashboardKey!, panel, point, applied ?? {}),
    onSuccess: (target) => navigate(recordListUrl(target)),
    onError: (error) => void message.error(describeError(error).title),
  });

  if (run.isLoading) return <PageLoading />;
  if (run.isError || !run.data) return <ErrorAlert error={run.error} onRetry={() => void run.refetch()} />;
  const dashboard = run.data;
  const definition = report.data?.definition;
  const filterValue = (filter: DashboardFilterState) => (filter.key in draft ? draft[filter.key] : filter.value);

  /** The panel's chart and dataset definitions, and the labels of the values it groups by. */
  const describe = (panel: DashboardPanel) => {
    const chart = definition?.charts?.find((candidate) => candidate.key === panel.chart);
    const dataset = definition?.datasets.find((candidate) => candidate.key === chart?.dataset);
    const fields = fieldsOf(dataset?.source.type === 'records' ? dataset.source.form : undefined);
    return { chart, dataset, fields, labelOf: optionLabeler(dataset, fields, locale, directory.name) };
  };

  const contentOf = (panel: DashboardPanel) => {
    const { chart, dataset, fields, labelOf } = describe(panel);
    const option = panel.option && chart ? relabelOption(panel.option, chart, panel.rows ?? [], labelOf) : panel.option;
    const built = panel.table && panel.table.columns.length === 0 && (panel.rows?.length ?? 0) > 0 ? listingTable(dataset, panel.rows ?? [], fields, locale) : panel.table;
    const table = built && withUserNames(built, dataset, fields, directory.name);
    return { option, kpi: panel.kpi, table };
  };

  const onSelect = (panel: DashboardPanel) => (selection: ChartSelection) => {
    const { chart, dataset, labelOf } = describe(panel);
    if (!chart || !dataset) return;
    const point = drillPoint(chart, dataset, panel.rows ?? [], selection, locale, labelOf);
    if (point) drill.mutate({ panel: panel.key, point });
  };

  const rows = Math.max(1, ...dashboard.panels.map((panel) => panel.layout.y + panel.layout.h));
  return (
    <div className="page dashboard-page" data-testid="dashboard-page">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/reports">{t('reports.title')}</Link> }, { title: definition ? localize(definition.title, locale) : reportKey }]} />
      <div className="page-header">
        <Typography.Title level={3} className="page-title">
          {text(dashboard.title, locale)}
        </Typography.Title>
        <Typography.Text type="secondary">{t('dashboard.drillHint')}</Typography.Text>
      </div>
      {dashboard.filters.length > 0 && (
        <Card size="small" className="dashboard-filters" data-testid="dashboard-filters">
          <Space wrap size={[16, 8]}>
            {dashboard.filters.map((filter) => (
              <Space key={filter.key} size={6}>
                <Typography.Text>{text(filter.label, locale)}</Typography.Text>
                <FilterControl filter={filter} value={filterValue(filter)} onChange={(value) => setDraft((current) => ({ ...current, [filter.key]: value }))} />
              </Space>
            ))}
            <Button type="primary" loading={run.isFetching} onClick={() => setApplied(Object.fromEntries(dashboard.filters.map((filter) => [filter.key, filterValue(filter)]).filter(([, value]) => value !== undefined)))} data-testid="dashboard-apply">
              {t('dashboard.apply')}
            </Button>
            <Button
              icon={<ReloadOutlined />}
              onClick={() => {
                setDraft({});
                setApplied(null);
              }}
            >
              {t('dashboard.reset')}
            </Button>
          </Space>
        </Card>
      )}
      <div className="dashboard-grid" style={{ gridTemplateRows: `repeat(${rows}, ${ROW_HEIGHT}px)` }} data-testid="dashboard-grid">
        {dashboard.panels.map((panel) => (
          <Card
            key={panel.key}
            size="small"
            title={text(panel.title, locale)}
            className="dashboard-panel"
            data-testid={`panel-${panel.key}`}
            data-type={panel.type}
            style={{ gridColumn: `${panel.layout.x + 1} / span ${panel.layout.w}`, gridRow: `${panel.layout.y + 1} / span ${panel.layout.h}` }}
          >
            {panel.error ? (
              <Alert type="warning" showIcon message={text(panel.error.message, locale)} data-testid="panel-error" />
            ) : (
              <PanelBody content={contentOf(panel)} height={panel.layout.h * ROW_HEIGHT + (panel.layout.h - 1) * GRID_GAP - 56} onSelect={onSelect(panel)} />
            )}
          </Card>
        ))}
      </div>
    </div>
  );
}
