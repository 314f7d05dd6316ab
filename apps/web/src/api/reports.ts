import type { LocalizedText } from '@tessera/rules';
import type { ChartDefinition, ChartType, DatasetDefinition, KpiSummary, ReportDefinition, SourceDefinition, TableModel } from '@tessera/reports';
import type { ApiClient } from './client';

export type { ChartDefinition, ChartType, DashboardDefinition, DashboardWidget, DatasetDefinition, DimensionDefinition, MeasureDefinition, ReportDefinition } from '@tessera/reports';

/** One report in the list: its latest version, with what it offers. */
export interface ReportSummary {
  key: string;
  appKey: string;
  version: number;
  title: LocalizedText;
  datasets: Array<{ key: string; title?: LocalizedText }>;
  charts: Array<{ key: string; title: LocalizedText; type: ChartType; dataset: string }>;
  dashboards: Array<{ key: string; title: LocalizedText }>;
}

export interface StoredReport {
  appKey: string;
  version?: number;
  definition: ReportDefinition;
}

/** A field a designer may put in a dimension or a measure. */
export interface SourceField {
  key: string;
  label: LocalizedText;
  type: string;
}

/** What the report designer may pick from: a form's records, tasks or process instances. */
export interface ReportSource {
  source: SourceDefinition;
  title: LocalizedText;
  fields: SourceField[];
}

export interface ResultColumn {
  key: string;
  label: string | LocalizedText;
  kind: 'dimension' | 'measure';
}

export interface PreviewAnswer {
  columns: ResultColumn[];
  rows: Array<Record<string, unknown>>;
  option?: Record<string, unknown>;
  kpi?: KpiSummary;
  table?: TableModel;
}

export interface DashboardFilterState {
  key: string;
  label: string | LocalizedText;
  type: string;
  options?: Array<{ value: string | number | boolean; label: string | LocalizedText }>;
  value?: unknown;
}

export interface DashboardPanel {
  key: string;
  title: string | LocalizedText;
  chart: string;
  type: ChartType;
  layout: { x: number; y: number; w: number; h: number };
  option?: Record<string, unknown>;
  kpi?: KpiSummary;
  table?: TableModel;
  rows?: Array<Record<string, unknown>>;
  /** Set instead of a chart when this panel cannot be run for the reader (e.g. a form they may not read). */
  error?: { code: string; message: string | LocalizedText };
}

export interface DashboardRun {
  key: string;
  title: string | LocalizedText;
  filters: DashboardFilterState[];
  panels: DashboardPanel[];
}

export interface DrillTarget {
  formKey: string;
  filter: unknown;
}

const reportPath = (reportKey: string) => `/reports/${encodeURIComponent(reportKey)}`;
const dashboardPath = (reportKey: string, dashboardKey: string) => `${reportPath(reportKey)}/dashboards/${encodeURIComponent(dashboardKey)}`;

export function fetchReports(api: ApiClient): Promise<ReportSummary[]> {
  return api.request<ReportSummary[] | { items: ReportSummary[] }>('/reports').then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function fetchReport(api: ApiClient, reportKey: string): Promise<StoredReport> {
  return api.request<StoredReport>(reportPath(reportKey));
}

export function fetchReportSources(api: ApiClient): Promise<ReportSource[]> {
  return api.request<ReportSource[] | { items: ReportSource[] }>('/reports/sources').then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function previewReport(api: ApiClient, dataset: DatasetDefinition, chart?: Omit<ChartDefinition, 'dataset'>, signal?: AbortSignal): Promise<PreviewAnswer> {
  return api.request<PreviewAnswer>('/reports/preview', { method: 'POST', body: { dataset, chart }, signal });
}

export function saveReport(api: ApiClient, definition: ReportDefinition & { appKey?: string }): Promise<{ key: string; version: number }> {
  return api.request<{ key: string; version: number }>('/reports', { method: 'POST', body: definition });
}

export function runDashboard(api: ApiClient, reportKey: string, dashboardKey: string, filters: Record<string, unknown>): Promise<DashboardRun> {
  return api.request<DashboardRun>(`${dashboardPath(reportKey, dashboardKey)}/run`, { method: 'POST', body: { filters } });
}

export function drillDashboard(api: ApiClient, reportKey: string, dashboardKey: string, panel: string, point: Record<string, unknown>, filters: Record<string, unknown>): Promise<DrillTarget> {
  return api.request<DrillTarget>(`${dashboardPath(reportKey, dashboardKey)}/drill`, { method: 'POST', body: { panel, point, filters } });
}

/** Where a drill-down lands: the record list of the form, narrowed by the rule. */
export function recordListUrl(target: DrillTarget): string {
  return `/records/${encodeURIComponent(target.formKey)}?filter=${encodeURIComponent(JSON.stringify(target.filter))}`;
}
