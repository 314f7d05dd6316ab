import { localize } from '@tessera/rules';
import type { ChartInput, ChartOption } from './chart-output';
import { distinctValues, findDimension, findMeasure } from './chart-data';
import { dimensionLabel, measureLabel } from './labels';
import { axisScale } from './measure-scale';

function slices({ chart, dataset, rows, locale = 'zh-CN' }: ChartInput) {
  const dimension = findDimension(dataset, chart.category);
  const measureKey = chart.measures[0]!;
  const scale = axisScale(
    findMeasure(dataset, measureKey),
    rows.map((row) => row[measureKey]),
    locale,
  );
  let values = distinctValues(rows, chart.category!);
  if (chart.order) values = [...chart.order, ...values.filter((value) => !chart.order!.includes(String(value)))];
  return {
    name: measureLabel(findMeasure(dataset, measureKey), measureKey, locale),
    unit: scale.unit,
    data: values.map((value) => ({
      name: dimensionLabel(dimension, value, locale),
      value:
        scale.apply(rows.find((row) => row[chart.category!] === value)?.[measureKey] ?? (chart.order ? 0 : null)) ?? 0,
    })),
  };
}

/** Pie and donut: the share of each category. */
export function pieOption(input: ChartInput): ChartOption {
  const { chart, locale = 'zh-CN' } = input;
  const { name, data } = slices(input);
  return {
    title: { text: localize(chart.title, locale), left: 'center' },
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0, type: 'scroll', data: data.map((slice) => slice.name) },
    series: [
      {
        type: 'pie',
        name,
        radius: chart.type === 'donut' ? ['45%', '70%'] : '70%',
        center: ['50%', '50%'],
        data,
        label: { formatter: '{b}\n{d}%' },
      },
    ],
  };
}

/** Funnel: a process's stages in their order (`order`), stages without rows shown as 0. */
export function funnelOption(input: ChartInput): ChartOption {
  const { chart, locale = 'zh-CN' } = input;
  const { name, data } = slices(input);
  const largest = data.reduce((high, stage) => Math.max(high, stage.value), 0);
  return {
    title: { text: localize(chart.title, locale), left: 'center' },
    tooltip: { trigger: 'item', formatter: '{b}: {c}' },
    legend: { bottom: 0, data: data.map((stage) => stage.name) },
    series: [
      {
        type: 'funnel',
        name,
        sort: chart.order ? 'none' : 'descending',
        min: 0,
        max: largest,
        left: '10%',
        width: '80%',
        top: 50,
        bottom: 40,
        gap: 2,
        label: { show: true, position: 'inside', formatter: '{b}: {c}' },
        data,
      },
    ],
  };
}
