import type { LocalizedText, Rule } from '@tessera/rules';

/** A `*.report.json` file: datasets, the charts drawn from them and the dashboards laying charts out. */
export interface ReportDefinition {
  key: string;
  title: LocalizedText;
  datasets: DatasetDefinition[];
  charts?: ChartDefinition[];
  dashboards?: DashboardDefinition[];
}

export type SourceDefinition =
  | { type: 'records'; form: string }
  /** The rows of a subform (a JSONB array of objects in the record's data), one result row per subform row. */
  | { type: 'subformRows'; form: string; path: string }
  | { type: 'processInstances'; process?: string }
  | { type: 'tasks'; process?: string }
  | { type: 'auditEvents'; entityType?: string };

export type ParameterType = 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'stringList';

export interface ParameterDefinition {
  type: ParameterType;
  label?: LocalizedText;
  required?: boolean;
  default?: unknown;
}

export type DateBucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

export interface NumericRange {
  key: string;
  label?: LocalizedText;
  /** Inclusive lower bound; open when absent. */
  from?: number;
  /** Exclusive upper bound; open when absent. */
  to?: number;
}

export interface DimensionDefinition {
  key: string;
  field: string;
  label?: LocalizedText;
  /** Group timestamps or dates by calendar bucket; the value is the bucket's first day, `YYYY-MM-DD`. */
  bucket?: DateBucket;
  /** Ranges of a number (e.g. AUM bands); the value is the key of the range the number falls in. */
  ranges?: NumericRange[];
}

export type NumberFormat =
  | { type: 'number'; decimals?: number }
  | { type: 'integer' }
  /** Amounts shown in 万 / 亿 when large (zh-CN), or K / M / B (en). */
  | { type: 'money'; currency?: string; decimals?: number }
  | { type: 'percent'; decimals?: number }
  | { type: 'duration'; unit: 'hours' | 'days' };

interface MeasureBase {
  key: string;
  label?: LocalizedText;
  format?: NumberFormat;
  /** Only rows satisfying this rule count for this measure (e.g. breached tickets). */
  where?: Rule;
}

export type MeasureDefinition =
  | (MeasureBase & { aggregate: 'count' })
  | (MeasureBase & { aggregate: 'countDistinct' | 'sum' | 'avg' | 'min' | 'max'; field: string })
  | (MeasureBase & { aggregate: 'percentile'; field: string; percentile: number })
  | (MeasureBase & { aggregate: 'ratio'; numerator: string; denominator: string })
  | (MeasureBase & {
      aggregate: 'duration';
      from: string;
      to: string;
      unit: 'hours' | 'workingDays';
      statistic: 'avg' | 'sum' | 'min' | 'max' | 'percentile';
      percentile?: number;
      /** Public holidays (`YYYY-MM-DD`) not counted as working days. */
      holidays?: string[];
    });

export interface SortDefinition {
  by: string;
  direction?: 'asc' | 'desc';
}

/** A column of a record listing (a dataset without measures), e.g. a drill-down's rows. */
export interface ColumnDefinition {
  key: string;
  field: string;
  label?: LocalizedText;
  format?: NumberFormat;
}

export interface DatasetDefinition {
  key: string;
  title?: LocalizedText;
  source: SourceDefinition;
  filter?: Rule;
  parameters?: Record<string, ParameterDefinition>;
  /** The IANA time zone for date buckets, working days and date-only comparisons; `Asia/Shanghai` by default. */
  timeZone?: string;
  dimensions?: DimensionDefinition[];
  measures?: MeasureDefinition[];
  /** Listing mode: no dimensions or measures, one result row per source row. */
  columns?: ColumnDefinition[];
  sort?: SortDefinition[];
  limit?: number;
  /** Drill-down: only the rows whose dimension value equals the clicked segment's. */
  segment?: { dimension: DimensionDefinition; value: string | number | boolean | null }[];
}

export type ChartType =
  'bar' | 'stackedBar' | 'line' | 'area' | 'pie' | 'donut' | 'funnel' | 'gauge' | 'kpi' | 'table' | 'pivot' | 'heatmap';

export interface ChartDefinition {
  key: string;
  type: ChartType;
  title: LocalizedText;
  dataset: string;
  /** The dimension along the category axis (bar, line, area), of the slices (pie, funnel) or the x axis (heatmap). */
  category?: string;
  /** The dimension splitting the values into series (stacked bar, multi-line), or the y axis of a heatmap / pivot columns. */
  series?: string;
  /** The measures drawn; the first one for single-value charts. */
  measures: string[];
  /** Funnel stage order (dimension values), e.g. the process's steps. */
  order?: string[];
  /** Gauge maximum. */
  max?: number;
  /** KPI cards: the date parameters bounding the period (`to` exclusive); the previous period of the same length is compared. */
  compare?: { from: string; to: string };
  xAxisName?: LocalizedText;
  yAxisName?: LocalizedText;
  horizontal?: boolean;
}

export interface DashboardWidget {
  chart: string;
  /** Grid position in a 24-column layout. */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DashboardFilter {
  key: string;
  label: LocalizedText;
  type: ParameterType;
  default?: unknown;
  /** Which dataset parameters take this filter's value. */
  bindings: { dataset: string; parameter: string }[];
}

export interface DashboardDefinition {
  key: string;
  title: LocalizedText;
  columns?: number;
  filters?: DashboardFilter[];
  widgets: DashboardWidget[];
  /** Per chart, the listing columns shown when a segment is clicked. */
  drillDown?: { chart: string; columns: ColumnDefinition[]; limit?: number }[];
}
