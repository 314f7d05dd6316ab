import { localize } from '@tessera/rules';
import type { ResultValue } from '../dataset/evaluate-in-memory';
import type { ChartInput, ChartOption } from './chart-output';
import { dimensionLabel, dimensionTitle, measureLabel } from './labels';
import { axisScale } from './measure-scale';
import { findDimension, findMeasure, distinctValues } from './chart-data';

/**
 * Bands of a range dimension (AUM < 50万, 50万–500万, …) read low to high along the axis, as the
 * ranges are declared, whatever order the rows came in; a dataset's own sort still decides.
 */
function inRangeOrder(values: ResultValue[], dimension: ReturnType<typeof findDimension>, sorted: boolean): ResultValue[] {
  const ranges = dimension?.ranges;
  if (!ranges || sorted) return values;
  const position = (value: ResultValue) => {
    const index = ranges.findIndex((range) => range.key === value);
    return index < 0 ? ranges.length : index;
  };
  return [...values].sort((a, b) => position(a) - position(b));
}

/** Bar, stacked bar, line and area charts: categories along one axis, one series per measure or per series value. */
export function cartesianOption({ chart, dataset, rows, locale = 'zh-CN' }: ChartInput): ChartOption {
  const categoryKey = chart.category!;
  const categoryDimension = findDimension(dataset, categoryKey);
  const categories = inRangeOrder(distinctValues(rows, categoryKey), categoryDimension, dataset.sort !== undefined);
  const stacked = chart.type === 'stackedBar' || (chart.type === 'area' && chart.series !== undefined);
  const seriesType = chart.type === 'bar' || chart.type === 'stackedBar' ? 'bar' : 'line';
  const firstMeasure = findMeasure(dataset, chart.measures[0]!);
  const scale = axisScale(
    firstMeasure,
    rows.flatMap((row) => chart.measures.map((key) => row[key])),
    locale,
  );

  const series: Record<string, unknown>[] = [];
  if (chart.series) {
    const seriesDimension = findDimension(dataset, chart.series);
    for (const seriesValue of distinctValues(rows, chart.series)) {
      const data = categories.map((category) => {
        const row = rows.find(
          (candidate) => candidate[categoryKey] === category && candidate[chart.series!] === seriesValue,
        );
        return row ? scale.apply(row[chart.measures[0]!]) : null;
      });
      series.push({ name: dimensionLabel(seriesDimension, seriesValue, locale), data });
    }
  } else {
    for (const key of chart.measures) {
      series.push({
        name: measureLabel(findMeasure(dataset, key), key, locale),
        data: categories.map((category) =>
          scale.apply(rows.find((row) => row[categoryKey] === category)?.[key] ?? null),
        ),
      });
    }
  }

  const valueName = chart.yAxisName
    ? localize(chart.yAxisName, locale)
    : measureLabel(firstMeasure, chart.measures[0]!, locale);
  const categoryAxis = {
    type: 'category',
    name: chart.xAxisName ? localize(chart.xAxisName, locale) : dimensionTitle(categoryDimension, categoryKey, locale),
    data: categories.map((category) => dimensionLabel(categoryDimension, category, locale)),
    boundaryGap: seriesType === 'bar',
  };
  const valueAxis = {
    type: 'value',
    name: scale.unit ? (locale === 'en' ? `${valueName} (${scale.unit})` : `${valueName}（${scale.unit}）`) : valueName,
  };
  return {
    title: { text: localize(chart.title, locale), left: 'center' },
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0, data: series.map((entry) => entry.name) },
    grid: { left: 60, right: 40, top: 60, bottom: 60, containLabel: true },
    xAxis: chart.horizontal ? valueAxis : categoryAxis,
    yAxis: chart.horizontal ? categoryAxis : valueAxis,
    series: series.map((entry) => ({
      ...entry,
      type: seriesType,
      ...(stacked ? { stack: 'total' } : {}),
      ...(chart.type === 'area' ? { areaStyle: {} } : {}),
      ...(seriesType === 'line' ? { smooth: false, connectNulls: false } : {}),
      emphasis: { focus: 'series' },
    })),
  };
}
