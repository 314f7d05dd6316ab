import type { LocalizedText } from '@tessera/rules';
import type { ChartDefinition, ChartType, DashboardDefinition, DashboardWidget, DatasetDefinition, DateBucket, DimensionDefinition, MeasureDefinition, ReportDefinition, SourceDefinition } from '@tessera/reports';
import type { ApiProblemDetail } from '../../api/api-error';
import type { SourceField } from '../../api/reports';

export type Aggregate = 'count' | 'countDistinct' | 'sum' | 'avg' | 'min' | 'max';
export type Well = 'dimensions' | 'measures';

export const aggregates: Aggregate[] = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct'];
export const dateBuckets: DateBucket[] = ['day', 'week', 'month', 'quarter', 'year'];
/** The chart types the designer offers, all drawn by the reports engine's `buildChart`. */
export const designerChartTypes: ChartType[] = ['bar', 'stackedBar', 'line', 'area', 'pie', 'donut', 'funnel', 'gauge', 'kpi', 'table', 'heatmap'];
/** Chart types that need a second dimension for their series (or y axis). */
const twoDimensionTypes = new Set<ChartType>(['stackedBar', 'heatmap', 'pivot']);
const singleMeasureTypes = new Set<ChartType>(['pie', 'donut', 'funnel', 'gauge', 'kpi', 'heatmap']);

const NUMERIC_TYPES = new Set(['number', 'integer', 'money', 'percent', 'decimal', 'rating', 'slider']);
const DATE_TYPES = new Set(['date', 'datetime', 'timestamp']);

export const GRID_COLUMNS = 24;

export function isNumericField(field: Pick<SourceField, 'type'>): boolean {
  return NUMERIC_TYPES.has(field.type);
}

export function isDateField(field: Pick<SourceField, 'type'>): boolean {
  return DATE_TYPES.has(field.type);
}

/** A report key part made from any text: letters, digits and underscores, not starting with a digit. */
export function toKey(text: string): string {
  const cleaned = text.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `f_${cleaned}`;
}

function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let index = 2; ; index += 1) if (!used.has(`${base}_${index}`)) return `${base}_${index}`;
}

function usedKeys(dataset: DatasetDefinition): string[] {
  return [...(dataset.dimensions ?? []).map((item) => item.key), ...(dataset.measures ?? []).map((item) => item.key)];
}

/** The measure a field dropped in the measures well starts as: a sum of numbers, otherwise a distinct count. */
export function measureFor(field: SourceField, dataset: DatasetDefinition): MeasureDefinition {
  const aggregate: Aggregate = isNumericField(field) ? 'sum' : 'countDistinct';
  return { key: uniqueKey(`${aggregate}_${toKey(field.key)}`, usedKeys(dataset)), aggregate, field: field.key, label: field.label };
}

/** The dimension a field dropped in the dimensions well starts as; dates are grouped by month. */
export function dimensionFor(field: SourceField, dataset: DatasetDefinition): DimensionDefinition {
  return {
    key: uniqueKey(toKey(field.key), usedKeys(dataset)),
    field: field.key,
    label: field.label,
    ...(isDateField(field) ? { bucket: 'month' as const } : {}),
  };
}

/** Adds a dropped field to a well; a count of rows is the measure when nothing is dropped on it. */
export function dropField(dataset: DatasetDefinition, well: Well, field: SourceField): DatasetDefinition {
  if (well === 'dimensions') return { ...dataset, dimensions: [...(dataset.dimensions ?? []), dimensionFor(field, dataset)] };
  const measure = field.type === 'count' ? countMeasure(dataset, field.label) : measureFor(field, dataset);
  return { ...dataset, measures: [...(dataset.measures ?? []), measure] };
}

export function removeFromWell(dataset: DatasetDefinition, well: Well, key: string): DatasetDefinition {
  if (well === 'dimensions') return { ...dataset, dimensions: (dataset.dimensions ?? []).filter((item) => item.key !== key) };
  return { ...dataset, measures: (dataset.measures ?? []).filter((item) => item.key !== key) };
}

/** Changes a measure's aggregate; a count needs no field, the others keep (or regain) theirs. */
export function setAggregate(dataset: DatasetDefinition, key: string, aggregate: Aggregate, fallbackField?: string): DatasetDefinition {
  return {
    ...dataset,
    measures: (dataset.measures ?? []).map((measure) => {
      if (measure.key !== key) return measure;
      const field = 'field' in measure ? measure.field : fallbackField;
      const base = { key: measure.key, label: measure.label, ...(measure.format ? { format: measure.format } : {}), ...(measure.where ? { where: measure.where } : {}) };
      if (aggregate === 'count') return { ...base, aggregate: 'count', ...(field ? { field } : {}) } as MeasureDefinition;
      return { ...base, aggregate, field: field ?? '' } as MeasureDefinition;
    }),
  };
}

export function setBucket(dataset: DatasetDefinition, key: string, bucket: DateBucket | undefined): DatasetDefinition {
  return {
    ...dataset,
    dimensions: (dataset.dimensions ?? []).map((dimension) => {
      if (dimension.key !== key) return dimension;
      const { bucket: _previous, ...rest } = dimension;
      return bucket ? { ...rest, bucket } : rest;
    }),
  };
}

/** The measure a dataset counts rows with, when no measure was dropped (e.g. for a "how many" chart). */
export function countMeasure(dataset: DatasetDefinition, label: LocalizedText): MeasureDefinition {
  return { key: uniqueKey('count', usedKeys(dataset)), aggregate: 'count', label };
}

/** The chart drawn from the dataset's wells: first dimension along the axis, second as series. */
export function chartFromWells(chart: Omit<ChartDefinition, 'category' | 'series' | 'measures'> & Partial<ChartDefinition>, dataset: DatasetDefinition): ChartDefinition {
  const dimensions = dataset.dimensions ?? [];
  const measures = (dataset.measures ?? []).map((measure) => measure.key);
  const { category: _category, series: _series, measures: _measures, ...rest } = chart;
  const result: ChartDefinition = { ...rest, measures: singleMeasureTypes.has(chart.type) ? measures.slice(0, 1) : measures };
  if (chart.type !== 'kpi' && chart.type !== 'gauge' && chart.type !== 'table' && dimensions[0]) result.category = dimensions[0].key;
  if (twoDimensionTypes.has(chart.type) && dimensions[1]) result.series = dimensions[1].key;
  return result;
}

/** A new dataset over a source, with the source's key in its own key. */
export function emptyDataset(key: string, source: SourceDefinition): DatasetDefinition {
  return { key, source, dimensions: [], measures: [] };
}

/** A source's identity whatever the order of its keys (stored definitions come back with keys sorted). */
export function sourceId(source: SourceDefinition | undefined): string {
  if (!source) return '';
  return Object.entries(source)
    .sort(([left], [right]) => left.localeCompare(right))
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
}

export function sameSource(left: SourceDefinition | undefined, right: SourceDefinition | undefined): boolean {
  return sourceId(left) === sourceId(right);
}

/** The problems of a save answer whose path starts at `prefix` (e.g. `charts[0].title`). */
export function problemsAt(details: ApiProblemDetail[], ...prefixes: string[]): string[] {
  return details
    .filter((detail) => prefixes.some((prefix) => detail.path === prefix || detail.path?.startsWith(`${prefix}.`) || detail.path?.startsWith(`${prefix}[`)))
    .map((detail) => detail.message);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** Moves a widget to a grid cell, keeping it inside the columns. */
export function moveWidget(dashboard: DashboardDefinition, index: number, x: number, y: number): DashboardDefinition {
  const columns = dashboard.columns ?? GRID_COLUMNS;
  return {
    ...dashboard,
    widgets: dashboard.widgets.map((widget, at) => (at === index ? { ...widget, x: clamp(Math.round(x), 0, columns - widget.w), y: Math.max(0, Math.round(y)) } : widget)),
  };
}

/** Resizes a widget; its width is kept inside the columns from where it stands. */
export function resizeWidget(dashboard: DashboardDefinition, index: number, size: { w?: number; h?: number }): DashboardDefinition {
  const columns = dashboard.columns ?? GRID_COLUMNS;
  return {
    ...dashboard,
    widgets: dashboard.widgets.map((widget, at) => {
      if (at !== index) return widget;
      const w = clamp(Math.round(size.w ?? widget.w), 1, columns);
      return { ...widget, w, x: Math.min(widget.x, columns - w), h: clamp(Math.round(size.h ?? widget.h), 2, 24) };
    }),
  };
}

/** Places a chart below everything already on the dashboard. */
export function addWidget(dashboard: DashboardDefinition, chart: string): DashboardDefinition {
  const bottom = dashboard.widgets.reduce((low, widget) => Math.max(low, widget.y + widget.h), 0);
  const widget: DashboardWidget = { chart, x: 0, y: bottom, w: 12, h: 8 };
  return { ...dashboard, widgets: [...dashboard.widgets, widget] };
}

export function removeWidget(dashboard: DashboardDefinition, index: number): DashboardDefinition {
  return { ...dashboard, widgets: dashboard.widgets.filter((_, at) => at !== index) };
}

/** Removing a chart also removes it from every dashboard, and its dataset when no other chart uses it. */
export function removeChart(report: ReportDefinition, chartKey: string): ReportDefinition {
  const chart = report.charts?.find((candidate) => candidate.key === chartKey);
  const charts = (report.charts ?? []).filter((candidate) => candidate.key !== chartKey);
  const datasetStillUsed = charts.some((candidate) => candidate.dataset === chart?.dataset);
  return {
    ...report,
    charts,
    datasets: datasetStillUsed || !chart ? report.datasets : report.datasets.filter((dataset) => dataset.key !== chart.dataset),
    dashboards: (report.dashboards ?? []).map((dashboard) => ({
      ...dashboard,
      widgets: dashboard.widgets.filter((widget) => widget.chart !== chartKey),
      drillDown: dashboard.drillDown?.filter((drill) => drill.chart !== chartKey),
    })),
  };
}

export function newChartKey(report: ReportDefinition): string {
  return uniqueKey('chart', [...(report.charts ?? []).map((chart) => chart.key), ...report.datasets.map((dataset) => dataset.key)]);
}
