import { localize } from '@tessera/rules';
import { formatValue } from '../format/number-format';
import type { ChartInput, ChartOption, KpiSummary } from './chart-output';
import { findMeasure } from './chart-data';
import { measureLabel } from './labels';
import { formatOf } from './measure-scale';

function firstValue(rows: ChartInput['rows'] | undefined, key: string): number | null {
  const value = rows?.[0]?.[key];
  return typeof value === 'number' ? value : null;
}

/** Gauge: one value against a maximum (percentages on a 0–100 dial). */
export function gaugeOption({ chart, dataset, rows, locale = 'zh-CN' }: ChartInput): ChartOption {
  const key = chart.measures[0]!;
  const measure = findMeasure(dataset, key);
  const percent = formatOf(measure)?.type === 'percent';
  const value = firstValue(rows, key);
  const shown = value === null ? 0 : Math.round((percent ? value * 100 : value) * 100) / 100;
  const max = chart.max ?? (percent ? 100 : Math.max(1, Math.ceil(shown * 1.25)));
  return {
    title: { text: localize(chart.title, locale), left: 'center' },
    series: [
      {
        type: 'gauge',
        name: measureLabel(measure, key, locale),
        min: 0,
        max: percent && chart.max !== undefined ? chart.max * 100 : max,
        progress: { show: true },
        detail: { valueAnimation: false, formatter: percent ? '{value}%' : '{value}' },
        data: [{ value: shown, name: measureLabel(measure, key, locale) }],
      },
    ],
  };
}

/** KPI card: the value, the previous period's, and the change between them, drawn as ECharts graphics. */
export function kpiCard({ chart, dataset, rows, previousRows, locale = 'zh-CN' }: ChartInput): {
  option: ChartOption;
  kpi: KpiSummary;
} {
  const key = chart.measures[0]!;
  const measure = findMeasure(dataset, key);
  const format = formatOf(measure);
  const value = firstValue(rows, key);
  const previous = firstValue(previousRows, key);
  const change = value !== null && previous !== null && previous !== 0 ? (value - previous) / Math.abs(previous) : null;
  const trend = change === null ? null : change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const kpi: KpiSummary = {
    label: localize(chart.title, locale),
    value,
    formatted: value === null ? '—' : formatValue(value, format, locale),
    previous,
    previousFormatted: previous === null ? '—' : formatValue(previous, format, locale),
    change,
    trend,
  };
  const changeText =
    change === null
      ? localize({ 'zh-CN': '无上期数据', en: 'no previous period' }, locale)
      : `${localize({ 'zh-CN': '较上期', en: 'vs previous' }, locale)} ${change > 0 ? '▲' : change < 0 ? '▼' : ''}${(Math.abs(change) * 100).toFixed(1)}%`;
  // Red for a rise and green for a fall, as Chinese financial displays colour them.
  const changeColour = trend === 'up' ? '#cf1322' : trend === 'down' ? '#389e0d' : '#8c8c8c';
  return {
    kpi,
    option: {
      title: { text: kpi.label, left: 'center', top: 10 },
      graphic: [
        {
          type: 'text',
          left: 'center',
          top: '38%',
          style: { text: kpi.formatted, fontSize: 36, fontWeight: 'bold', fill: '#1f1f1f' },
        },
        { type: 'text', left: 'center', top: '68%', style: { text: changeText, fontSize: 14, fill: changeColour } },
      ],
    },
  };
}
