import type { Locale } from '@tessera/rules';
import { dimensionLabel, type ChartDefinition, type DatasetDefinition } from '@tessera/reports';
import type { ValueLabeler } from './option-labels';

export interface ChartClick {
  name: string;
  seriesName?: string;
  dataIndex: number;
}

function distinct(rows: Array<Record<string, unknown>>, key: string): unknown[] {
  const seen: unknown[] = [];
  for (const row of rows) {
    const value = row[key] ?? null;
    if (!seen.includes(value)) seen.push(value);
  }
  return seen;
}

function valueNamed(rows: Array<Record<string, unknown>>, dataset: DatasetDefinition, key: string, name: string | undefined, index: number | undefined, locale: Locale, order?: string[], labelOf?: ValueLabeler): { found: boolean; value?: unknown } {
  let values = distinct(rows, key);
  if (order) values = [...order, ...values.filter((value) => !order.includes(String(value)))];
  const dimension = dataset.dimensions?.find((candidate) => candidate.key === key);
  if (name !== undefined) {
    const byLabel = values.filter((value) => (labelOf?.(key, value) ?? dimensionLabel(dimension, value, locale)) === name || String(value) === name);
    if (byLabel.length === 1) return { found: true, value: byLabel[0] };
  }
  if (index !== undefined && index >= 0 && index < values.length) return { found: true, value: values[index] };
  return { found: false };
}

/**
 * The dimension values behind a clicked bar, point or slice, as the drill endpoint wants them
 * (`{ [dimensionKey]: value }`); null when the click names no segment (a KPI, a gauge).
 */
export function drillPoint(chart: ChartDefinition, dataset: DatasetDefinition, rows: Array<Record<string, unknown>>, click: ChartClick, locale: Locale, labelOf?: ValueLabeler): Record<string, unknown> | null {
  if (!chart.category) return null;
  const category = valueNamed(rows, dataset, chart.category, click.name, chart.type === 'heatmap' ? undefined : click.dataIndex, locale, chart.order, labelOf);
  if (!category.found) return null;
  const point: Record<string, unknown> = { [chart.category]: category.value };
  if (chart.series && click.seriesName !== undefined) {
    const series = valueNamed(rows, dataset, chart.series, click.seriesName, undefined, locale, undefined, labelOf);
    if (series.found) point[chart.series] = series.value;
  }
  return point;
}
