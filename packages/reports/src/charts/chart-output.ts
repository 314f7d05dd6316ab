import type { Locale } from '@tessera/rules';
import type { ResultRow } from '../dataset/evaluate-in-memory';
import type { ChartDefinition, DatasetDefinition } from '../definition/types';

/** An ECharts option: plain JSON (no formatter functions), so the server can send it as it is. */
export type ChartOption = Record<string, unknown>;

export interface KpiSummary {
  label: string;
  value: number | null;
  formatted: string;
  previous: number | null;
  previousFormatted: string;
  /** Relative change against the previous period (0.12 = +12%), null when there is nothing to compare. */
  change: number | null;
  trend: 'up' | 'down' | 'flat' | null;
}

export interface TableModel {
  columns: { key: string; title: string; align: 'left' | 'right' }[];
  rows: Record<string, string>[];
}

export type ChartOutput =
  | { kind: 'echarts'; option: ChartOption }
  | { kind: 'kpi'; option: ChartOption; kpi: KpiSummary }
  | { kind: 'table'; table: TableModel };

export interface ChartInput {
  chart: ChartDefinition;
  dataset: DatasetDefinition;
  rows: ResultRow[];
  locale?: Locale;
  /** The same dataset over the previous period, for KPI cards. */
  previousRows?: ResultRow[];
}
