import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import type {
  ChartDefinition,
  ChartType,
  DashboardDefinition,
  DatasetDefinition,
  ReportDefinition,
} from '@tessera/reports';
import { Alert, App, Breadcrumb, Button, Card, Empty, Form, Input, Select, Space, Spin, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { DndProvider } from 'react-dnd';
import { HTML5Backend } from 'react-dnd-html5-backend';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, describeError, type ApiProblemDetail } from '../../api/api-error';
import { fetchApps } from '../../api/apps';
import {
  fetchReport,
  fetchReportSources,
  previewReport,
  saveReport,
  type ReportSource,
  type SourceField,
} from '../../api/reports';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useUserDirectory } from '../../components/user-directory';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import { DashboardEditor } from './DashboardEditor';
import { FieldWell, PaletteField, ROW_COUNT_FIELD } from './FieldWells';
import { PanelBody } from './ReportPanel';
import { listingTable, optionLabeler, relabelOption, withUserNames } from './option-labels';
import { useFormFields } from './use-customer-form';
import {
  sourceId,
  chartFromWells,
  designerChartTypes,
  dropField,
  emptyDataset,
  newChartKey,
  problemsAt,
  removeChart,
  removeFromWell,
  sameSource,
  setAggregate,
  setBucket,
  type Well,
} from './report-draft';
import './insight.css';

type Draft = ReportDefinition & { appKey?: string };

const emptyReport = (): Draft => ({
  key: '',
  title: { 'zh-CN': '', en: '' },
  datasets: [],
  charts: [],
  dashboards: [],
});

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [JSON.stringify(value), delay]);
  return debounced;
}

function Problems({ messages }: { messages: string[] }) {
  return (
    <>
      {messages.map((message) => (
        <Typography.Text key={message} type="danger" className="control-problem">
          {message}
        </Typography.Text>
      ))}
    </>
  );
}

/** The report designer: pick a source, drag fields into dimension and measure wells, pick a chart, see it live, lay out dashboards, save a version. */
export function ReportDesignerPage() {
  const { reportKey } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t, locale } = useLocale();
  const directory = useUserDirectory();
  const sources = useQuery({ queryKey: ['report-sources'], queryFn: () => fetchReportSources(api) });
  const sourceOptions = (sources.data ?? []).map((candidate) => ({ value: sourceId(candidate.source), label: localize(candidate.title, locale) }));
  const sourceById = (id: string) => sources.data?.find((candidate) => sourceId(candidate.source) === id);
  const apps = useQuery({ queryKey: ['apps'], queryFn: () => fetchApps(api), retry: false });
  const existing = useQuery({
    queryKey: ['report', reportKey],
    queryFn: () => fetchReport(api, reportKey!),
    enabled: !!reportKey,
  });
  const [draft, setDraft] = useState<Draft | null>(reportKey ? null : emptyReport());
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState('charts');
  const [dashboardKey, setDashboardKey] = useState<string | null>(null);
  const [problems, setProblems] = useState<ApiProblemDetail[]>([]);
  /** An edited control's problems are answered: they go until the next save says otherwise. */
  const resolve = (prefix: string) =>
    setProblems((current) =>
      current.filter(
        (problem) =>
          !(
            problem.path === prefix ||
            problem.path?.startsWith(`${prefix}.`) ||
            problem.path?.startsWith(`${prefix}[`)
          ),
      ),
    );

  useEffect(() => {
    if (existing.data && !draft) {
      setDraft({ ...existing.data.definition, appKey: existing.data.appKey });
      setSelected(existing.data.definition.charts?.[0]?.key ?? null);
      setDashboardKey(existing.data.definition.dashboards?.[0]?.key ?? null);
    }
  }, [existing.data, draft]);

  const report = draft ?? emptyReport();
  const chartIndex = (report.charts ?? []).findIndex((chart) => chart.key === selected);
  const chart = chartIndex >= 0 ? report.charts![chartIndex]! : undefined;
  const datasetIndex = report.datasets.findIndex((dataset) => dataset.key === chart?.dataset);
  const dataset = datasetIndex >= 0 ? report.datasets[datasetIndex] : undefined;
  const source = sources.data?.find((candidate) => sameSource(candidate.source, dataset?.source));
  const fields: SourceField[] = source?.fields ?? [];
  const sourceForm = dataset?.source.type === 'records' ? dataset.source.form : '';
  const formFields = useFormFields(sourceForm, !!sourceForm).fields;

  const update = useCallback(
    (change: (current: Draft) => Draft) => setDraft((current) => change(current ?? emptyReport())),
    [],
  );

  /** Writes the dataset of the chart being edited and redraws the chart from its wells. */
  const updateDataset = (change: (dataset: DatasetDefinition) => DatasetDefinition) => {
    resolve(`datasets[${datasetIndex}]`);
    resolve(`charts[${chartIndex}]`);
    update((current) => {
      const editing = current.charts?.find((candidate) => candidate.key === selected);
      if (!editing) return current;
      const datasets = current.datasets.map((candidate) =>
        candidate.key === editing.dataset ? change(candidate) : candidate,
      );
      const next = datasets.find((candidate) => candidate.key === editing.dataset)!;
      return {
        ...current,
        datasets,
        charts: current.charts!.map((candidate) =>
          candidate.key === editing.key ? chartFromWells(candidate, next) : candidate,
        ),
      };
    });
  };

  const updateChart = (change: Partial<ChartDefinition>) => {
    resolve(`charts[${chartIndex}]`);
    update((current) => ({
      ...current,
      charts: (current.charts ?? []).map((candidate) => {
        if (candidate.key !== selected) return candidate;
        const next = { ...candidate, ...change };
        const over = current.datasets.find((candidate2) => candidate2.key === next.dataset);
        return over ? chartFromWells(next, over) : next;
      }),
    }));
  };

  const addChart = (picked: ReportSource) => {
    update((current) => {
      const key = newChartKey(current);
      const dataset = emptyDataset(`${key}_data`, picked.source);
      const next: ChartDefinition = {
        key,
        type: 'bar',
        title: { 'zh-CN': `${localize(picked.title, 'zh-CN')}统计`, en: `${localize(picked.title, 'en')} summary` },
        dataset: dataset.key,
        measures: [],
      };
      setSelected(key);
      return { ...current, datasets: [...current.datasets, dataset], charts: [...(current.charts ?? []), next] };
    });
  };

  const changeSource = (picked: ReportSource) => {
    if (!chart) return addChart(picked);
    updateDataset((current) => ({ ...emptyDataset(current.key, picked.source), title: current.title }));
  };

  const onDrop = (well: Well) => (field: SourceField) => updateDataset((current) => dropField(current, well, field));
  const onDropDimension = onDrop('dimensions');
  const onDropMeasure = onDrop('measures');

  const previewInput = useDebounced(
    dataset && chart && ((dataset.measures?.length ?? 0) > 0 || (dataset.dimensions?.length ?? 0) > 0)
      ? { dataset, chart: (({ dataset: _dataset, ...rest }) => rest)(chart) }
      : null,
    350,
  );
  const preview = useQuery({
    queryKey: ['report-preview', previewInput, locale],
    queryFn: ({ signal }) => previewReport(api, previewInput!.dataset, previewInput!.chart, signal),
    enabled: !!previewInput,
    retry: false,
    placeholderData: (previous) => previous,
  });

  const save = useMutation({
    mutationFn: () => {
      const { appKey, ...definition } = report;
      return saveReport(api, { ...definition, ...(appKey ? { appKey } : {}) });
    },
    onSuccess: (saved) => {
      setProblems([]);
      void message.success(t('designer.reportSaved', { key: saved.key, version: saved.version }));
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      void queryClient.invalidateQueries({ queryKey: ['report', saved.key] });
      if (!reportKey) navigate(`/studio/reports/${encodeURIComponent(saved.key)}`, { replace: true });
    },
    onError: (error) => {
      setProblems(error instanceof ApiError ? error.details : []);
      void message.error(describeError(error).title || t('designer.saveFailed'));
    },
  });

  if (sources.isLoading || (reportKey && (existing.isLoading || !draft) && !existing.isError)) return <PageLoading />;
  if (sources.isError) return <ErrorAlert error={sources.error} onRetry={() => void sources.refetch()} />;
  if (existing.isError) return <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />;

  const chartPath = `charts[${chartIndex}]`;
  const datasetPath = `datasets[${datasetIndex}]`;
  const dashboards = report.dashboards ?? [];
  const dashboardIndex = dashboards.findIndex((candidate) => candidate.key === dashboardKey);
  const dashboard = dashboardIndex >= 0 ? dashboards[dashboardIndex] : undefined;
  const status = (messages: string[]) => (messages.length ? ('error' as const) : undefined);
  const keyProblems = problemsAt(problems, 'key');
  const titleProblems = problemsAt(problems, 'title');
  const otherProblems = problems.filter((problem) => !problem.path || problem.path === '(root)');

  const setDashboard = (next: DashboardDefinition) =>
    update((current) => ({
      ...current,
      dashboards: (current.dashboards ?? []).map((candidate) => (candidate.key === next.key ? next : candidate)),
    }));
  const addDashboard = () =>
    update((current) => {
      const taken = new Set((current.dashboards ?? []).map((candidate) => candidate.key));
      let key = 'overview';
      for (let index = 2; taken.has(key); index += 1) key = `overview_${index}`;
      setDashboardKey(key);
      const widgets = (current.charts ?? []).map((candidate, index) => ({
        chart: candidate.key,
        x: (index % 2) * 12,
        y: Math.floor(index / 2) * 8,
        w: 12,
        h: 8,
      }));
      return {
        ...current,
        dashboards: [
          ...(current.dashboards ?? []),
          {
            key,
            title: {
              'zh-CN': `${current.title['zh-CN'] || '报表'}看板`,
              en: `${current.title.en || 'Report'} dashboard`,
            },
            widgets,
          },
        ],
      };
    });

  return (
    <DndProvider backend={HTML5Backend}>
      <div className="page report-designer" data-testid="report-designer">
        <Breadcrumb
          className="page-breadcrumb"
          items={[
            { title: <Link to="/studio">{t('studio.title')}</Link> },
            { title: <Link to="/reports">{t('reports.title')}</Link> },
            { title: reportKey ? localize(report.title, locale) || reportKey : t('designer.newReport') },
          ]}
        />
        <Card size="small" className="designer-header">
          <Form layout="inline" className="designer-header-form">
            <Form.Item
              label={t('designer.reportKey')}
              validateStatus={status(keyProblems)}
              help={keyProblems.length ? keyProblems.join('；') : undefined}
            >
              <Input
                value={report.key}
                disabled={!!reportKey}
                placeholder="customer_overview"
                onChange={(event) => {
                  resolve('key');
                  update((current) => ({ ...current, key: event.target.value.trim() }));
                }}
                style={{ width: 180 }}
                data-testid="report-key"
              />
            </Form.Item>
            <Form.Item
              label={t('designer.reportTitle')}
              validateStatus={status(titleProblems)}
              help={titleProblems.length ? titleProblems.join('；') : undefined}
            >
              <Space.Compact>
                <Input
                  value={report.title['zh-CN']}
                  placeholder="中文标题"
                  onChange={(event) => {
                    resolve('title');
                    update((current) => ({ ...current, title: { ...current.title, 'zh-CN': event.target.value } }));
                  }}
                  style={{ width: 180 }}
                  data-testid="report-title-zh"
                />
                <Input
                  value={report.title.en}
                  placeholder="English title"
                  onChange={(event) => {
                    resolve('title');
                    update((current) => ({ ...current, title: { ...current.title, en: event.target.value } }));
                  }}
                  style={{ width: 180 }}
                  data-testid="report-title-en"
                />
              </Space.Compact>
            </Form.Item>
            <Form.Item label={t('designer.app')}>
              <Select
                allowClear
                value={report.appKey}
                disabled={!!reportKey}
                placeholder={t('designer.noApp')}
                style={{ width: 160 }}
                onChange={(value?: string) => update((current) => ({ ...current, appKey: value }))}
                options={(apps.data ?? []).map((app) => ({
                  value: app.key,
                  label: typeof app.name === 'string' ? app.name : localize(app.name, locale),
                }))}
              />
            </Form.Item>
            <Button
              type="primary"
              icon={<SaveOutlined />}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="report-save"
            >
              {t('designer.saveReport')}
            </Button>
          </Form>
          {otherProblems.length > 0 && (
            <Alert
              className="designer-problems"
              type="error"
              showIcon
              message={otherProblems.map((problem) => problem.message).join('；')}
            />
          )}
        </Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'charts',
              label: t('designer.chartsTab'),
              children: (
                <div className="designer-body">
                  <Card
                    size="small"
                    title={t('designer.fields')}
                    className="designer-palette"
                    data-testid="field-palette"
                  >
                    <Typography.Text type="secondary">{t('designer.source')}</Typography.Text>
                    <Select
                      className="full-width"
                      value={dataset ? sourceId(dataset.source) : undefined}
                      placeholder={t('designer.pickSource')}
                      status={status(problemsAt(problems, `${datasetPath}.source`))}
                      onChange={(value: string) => {
                        const picked = sourceById(value);
                        if (picked) changeSource(picked);
                      }}
                      options={sourceOptions}
                      data-testid="source-select"
                    />
                    <Problems messages={problemsAt(problems, `${datasetPath}.source`)} />
                    <div className="palette-fields">
                      {dataset ? (
                        [ROW_COUNT_FIELD, ...fields].map((field) => (
                          <PaletteField key={field.key || 'count'} field={field} />
                        ))
                      ) : (
                        <Typography.Text type="secondary">{t('designer.pickSourceFirst')}</Typography.Text>
                      )}
                    </div>
                  </Card>
                  <div className="designer-main">
                    <Card size="small" className="designer-charts">
                      <Space wrap>
                        {(report.charts ?? []).map((candidate, index) => (
                          <Button
                            key={candidate.key}
                            type={candidate.key === selected ? 'primary' : 'default'}
                            danger={problemsAt(problems, `charts[${index}]`).length > 0}
                            onClick={() => setSelected(candidate.key)}
                            data-testid={`chart-tab-${candidate.key}`}
                          >
                            {localize(candidate.title, locale) || candidate.key}
                          </Button>
                        ))}
                        <Select
                          value={null}
                          placeholder={
                            <span>
                              <PlusOutlined /> {t('designer.newChart')}
                            </span>
                          }
                          style={{ width: 200 }}
                          onChange={(value: string) => {
                            const picked = sourceById(value);
                            if (picked) addChart(picked);
                          }}
                          options={sourceOptions}
                          data-testid="new-chart"
                        />
                        {chart && (
                          <Button
                            icon={<DeleteOutlined />}
                            onClick={() => {
                              update((current) => removeChart(current, chart.key));
                              setSelected(report.charts?.find((candidate) => candidate.key !== chart.key)?.key ?? null);
                            }}
                          >
                            {t('designer.removeChart')}
                          </Button>
                        )}
                      </Space>
                    </Card>
                    {!chart || !dataset ? (
                      <Card>
                        <Empty description={t('designer.startHint')} />
                      </Card>
                    ) : (
                      <div className="designer-editor">
                        <Card size="small" className="designer-controls">
                          <Form layout="vertical">
                            <Form.Item
                              label={t('designer.chartTitle')}
                              validateStatus={status(problemsAt(problems, `${chartPath}.title`))}
                              help={problemsAt(problems, `${chartPath}.title`).join('；') || undefined}
                            >
                              <Space.Compact className="full-width">
                                <Input
                                  value={chart.title['zh-CN']}
                                  placeholder="中文"
                                  onChange={(event) =>
                                    updateChart({ title: { ...chart.title, 'zh-CN': event.target.value } })
                                  }
                                  data-testid="chart-title-zh"
                                />
                                <Input
                                  value={chart.title.en}
                                  placeholder="English"
                                  onChange={(event) =>
                                    updateChart({ title: { ...chart.title, en: event.target.value } })
                                  }
                                  data-testid="chart-title-en"
                                />
                              </Space.Compact>
                            </Form.Item>
                            <Form.Item
                              label={t('designer.chartType')}
                              validateStatus={status(
                                problemsAt(
                                  problems,
                                  `${chartPath}.type`,
                                  `${chartPath}.category`,
                                  `${chartPath}.series`,
                                  `${chartPath}.measures`,
                                ),
                              )}
                              help={
                                problemsAt(
                                  problems,
                                  `${chartPath}.type`,
                                  `${chartPath}.category`,
                                  `${chartPath}.series`,
                                  `${chartPath}.measures`,
                                ).join('；') || undefined
                              }
                            >
                              <Select<ChartType>
                                value={chart.type}
                                onChange={(type) => updateChart({ type })}
                                options={designerChartTypes.map((type) => ({
                                  value: type,
                                  label: t(`chartType.${type}` as MessageKey),
                                }))}
                                data-testid="chart-type"
                              />
                            </Form.Item>
                          </Form>
                          <FieldWell
                            well="dimensions"
                            dataset={dataset}
                            fields={fields}
                            problems={problemsAt(problems, `${datasetPath}.dimensions`)}
                            onDrop={onDropDimension}
                            onRemove={(key) => updateDataset((current) => removeFromWell(current, 'dimensions', key))}
                            onAggregate={() => undefined}
                            onBucket={(key, bucket) => updateDataset((current) => setBucket(current, key, bucket))}
                          />
                          <FieldWell
                            well="measures"
                            dataset={dataset}
                            fields={fields}
                            problems={problemsAt(problems, `${datasetPath}.measures`)}
                            onDrop={onDropMeasure}
                            onRemove={(key) => updateDataset((current) => removeFromWell(current, 'measures', key))}
                            onAggregate={(key, aggregate) =>
                              updateDataset((current) => setAggregate(current, key, aggregate))
                            }
                            onBucket={() => undefined}
                          />
                          <Problems
                            messages={problemsAt(problems, datasetPath).filter(
                              (problem) =>
                                ![
                                  ...problemsAt(
                                    problems,
                                    `${datasetPath}.dimensions`,
                                    `${datasetPath}.measures`,
                                    `${datasetPath}.source`,
                                  ),
                                ].includes(problem),
                            )}
                          />
                        </Card>
                        <Card
                          size="small"
                          className="designer-preview"
                          title={localize(chart.title, locale) || t('designer.preview')}
                          extra={
                            preview.isFetching ? (
                              <Spin size="small" />
                            ) : (
                              <Typography.Text type="secondary">{t('designer.preview')}</Typography.Text>
                            )
                          }
                          data-testid="designer-preview"
                        >
                          {!previewInput ? (
                            <Empty description={t('designer.previewHint')} />
                          ) : preview.isError ? (
                            <ErrorAlert error={preview.error} />
                          ) : preview.data ? (
                            <>
                              <PanelBody
                                content={{
                                  option:
                                    preview.data.option && chart
                                      ? relabelOption(
                                          preview.data.option,
                                          chart,
                                          preview.data.rows,
                                          optionLabeler(dataset, formFields, locale, directory.name),
                                        )
                                      : preview.data.option,
                                  kpi: preview.data.kpi,
                                  table: (() => {
                                    const built =
                                      preview.data.table &&
                                      preview.data.table.columns.length === 0 &&
                                      preview.data.rows.length > 0
                                        ? listingTable(dataset, preview.data.rows, formFields, locale)
                                        : preview.data.table;
                                    return built && withUserNames(built, dataset, formFields, directory.name);
                                  })(),
                                }}
                                height={340}
                              />
                              <Typography.Text type="secondary" className="preview-rows">
                                {t('designer.previewRows', { count: preview.data.rows.length })}
                              </Typography.Text>
                            </>
                          ) : (
                            <PageLoading />
                          )}
                        </Card>
                      </div>
                    )}
                  </div>
                </div>
              ),
            },
            {
              key: 'dashboards',
              label: t('designer.dashboardsTab'),
              children: (
                <Card size="small">
                  <Space wrap className="dashboard-picker">
                    {dashboards.map((candidate, index) => (
                      <Button
                        key={candidate.key}
                        type={candidate.key === dashboardKey ? 'primary' : 'default'}
                        danger={problemsAt(problems, `dashboards[${index}]`).length > 0}
                        onClick={() => setDashboardKey(candidate.key)}
                      >
                        {localize(candidate.title, locale) || candidate.key}
                      </Button>
                    ))}
                    <Button
                      icon={<PlusOutlined />}
                      onClick={addDashboard}
                      disabled={(report.charts ?? []).length === 0}
                      data-testid="add-dashboard"
                    >
                      {t('designer.newDashboard')}
                    </Button>
                    {dashboard && (
                      <Button
                        icon={<DeleteOutlined />}
                        onClick={() => {
                          update((current) => ({
                            ...current,
                            dashboards: (current.dashboards ?? []).filter(
                              (candidate) => candidate.key !== dashboard.key,
                            ),
                          }));
                          setDashboardKey(dashboards.find((candidate) => candidate.key !== dashboard.key)?.key ?? null);
                        }}
                      >
                        {t('designer.removeDashboard')}
                      </Button>
                    )}
                  </Space>
                  {dashboard ? (
                    <DashboardEditor
                      report={report}
                      dashboard={dashboard}
                      problems={problemsAt(problems, `dashboards[${dashboardIndex}]`)}
                      onChange={setDashboard}
                    />
                  ) : (
                    <Empty description={t('designer.noDashboard')} />
                  )}
                </Card>
              ),
            },
          ]}
        />
      </div>
    </DndProvider>
  );
}
