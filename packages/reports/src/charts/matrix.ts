import { localize } from '@tessera/rules';
import { formatValue } from '../format/number-format';
import type { ChartInput, ChartOption, TableModel } from './chart-output';
import { distinctValues, findDimension, findMeasure } from './chart-data';
import { dimensionLabel, dimensionTitle, measureLabel } from './labels';
import { axisScale, formatOf } from './measure-scale';

/** Table: every dimension and measure of the rows, formatted for reading. */
export function tableModel({ chart, dataset, rows, locale = 'zh-CN' }: ChartInput): TableModel {
  const dimensions = dataset.dimensions ?? [];
  const measures = chart.measures.length > 0 ? chart.measures : (dataset.measures ?? []).map((measure) => measure.key);
  return {
    columns: [
      ...dimensions.map((dimension) => ({
        key: dimension.key,
        title: dimensionTitle(dimension, dimension.key, locale),
        align: 'left' as const,
      })),
      ...measures.map((key) => ({
        key,
        title: measureLabel(findMeasure(dataset, key), key, locale),
        align: 'right' as const,
      })),
    ],
    rows: rows.map((row) => ({
      ...Object.fromEntries(
        dimensions.map((dimension) => [dimension.key, dimensionLabel(dimension, row[dimension.key], locale)]),
      ),
      ...Object.fromEntries(
        measures.map((key) => [key, formatValue(row[key], formatOf(findMeasure(dataset, key)), locale)]),
      ),
    })),
  };
}

/** Pivot table: `category` values down, `series` values across, the first measure in the cells, totals for additive measures. */
export function pivotModel({ chart, dataset, rows, locale = 'zh-CN' }: ChartInput): TableModel {
  const key = chart.measures[0]!;
  const measure = findMeasure(dataset, key);
  const format = formatOf(measure);
  const rowDimension = findDimension(dataset, chart.category);
  const columnDimension = findDimension(dataset, chart.series);
  const rowValues = distinctValues(rows, chart.category!);
  const columnValues = distinctValues(rows, chart.series!);
  const additive = measure?.aggregate === 'count' || measure?.aggregate === 'sum';
  const cell = (rowValue: unknown, columnValue: unknown) =>
    rows.find((row) => row[chart.category!] === rowValue && row[chart.series!] === columnValue)?.[key];
  const columnKey = (index: number) => `c${index}`;
  return {
    columns: [
      { key: 'row', title: dimensionTitle(rowDimension, chart.category, locale), align: 'left' },
      ...columnValues.map((value, index) => ({
        key: columnKey(index),
        title: dimensionLabel(columnDimension, value, locale),
        align: 'right' as const,
      })),
      ...(additive
        ? [{ key: 'total', title: localize({ 'zh-CN': '合计', en: 'Total' }, locale), align: 'right' as const }]
        : []),
    ],
    rows: rowValues.map((rowValue) => {
      const values = columnValues.map((columnValue) => cell(rowValue, columnValue));
      const total = values.reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);
      return {
        row: dimensionLabel(rowDimension, rowValue, locale),
        ...Object.fromEntries(
          values.map((value, index) => [columnKey(index), formatValue(value ?? null, format, locale)]),
        ),
        ...(additive ? { total: formatValue(total, format, locale) } : {}),
      };
    }),
  };
}

/** Heatmap: `category` along x, `series` along y, the first measure as colour. */
export function heatmapOption({ chart, dataset, rows, locale = 'zh-CN' }: ChartInput): ChartOption {
  const key = chart.measures[0]!;
  const xDimension = findDimension(dataset, chart.category);
  const yDimension = findDimension(dataset, chart.series);
  const xValues = distinctValues(rows, chart.category!);
  const yValues = distinctValues(rows, chart.series!);
  const scale = axisScale(
    findMeasure(dataset, key),
    rows.map((row) => row[key]),
    locale,
  );
  const data = rows
    .map(
      (row) =>
        [
          xValues.indexOf(row[chart.category!] ?? null),
          yValues.indexOf(row[chart.series!] ?? null),
          scale.apply(row[key]),
        ] as const,
    )
    .filter(([, , value]) => value !== null);
  const values = data.map(([, , value]) => value as number);
  return {
    title: { text: localize(chart.title, locale), left: 'center' },
    tooltip: { position: 'top' },
    grid: { left: 80, right: 40, top: 60, bottom: 80, containLabel: true },
    xAxis: {
      type: 'category',
      name: dimensionTitle(xDimension, chart.category, locale),
      data: xValues.map((value) => dimensionLabel(xDimension, value, locale)),
      splitArea: { show: true },
    },
    yAxis: {
      type: 'category',
      name: dimensionTitle(yDimension, chart.series, locale),
      data: yValues.map((value) => dimensionLabel(yDimension, value, locale)),
      splitArea: { show: true },
    },
    visualMap: {
      min: values.length ? Math.min(...values) : 0,
      max: values.length ? Math.max(...values) : 1,
      calculable: true,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      text: scale.unit ? [scale.unit, ''] : undefined,
    },
    series: [
      {
        type: 'heatmap',
        name: measureLabel(findMeasure(dataset, key), key, locale),
        data,
        label: { show: true },
        emphasis: { itemStyle: { shadowBlur: 10 } },
      },
    ],
  };
}
