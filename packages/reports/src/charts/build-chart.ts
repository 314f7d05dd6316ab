import { DefinitionError, type Problem } from '@tessera/rules';
import type { ChartDefinition, DatasetDefinition } from '../definition/types';
import { cartesianOption } from './cartesian';
import type { ChartInput, ChartOutput } from './chart-output';
import { heatmapOption, pivotModel, tableModel } from './matrix';
import { funnelOption, pieOption } from './part-to-whole';
import { gaugeOption, kpiCard } from './single-value';

const needsCategory = new Set(['bar', 'stackedBar', 'line', 'area', 'pie', 'donut', 'funnel', 'pivot', 'heatmap']);
const needsSeries = new Set(['stackedBar', 'pivot', 'heatmap']);

/** Problems of a chart against its dataset: its dimensions and measures must exist. */
export function chartProblems(chart: ChartDefinition, dataset: DatasetDefinition, path: string): Problem[] {
  const problems: Problem[] = [];
  const dimensionKeys = new Set((dataset.dimensions ?? []).map((dimension) => dimension.key));
  const measureKeys = new Set((dataset.measures ?? []).map((measure) => measure.key));
  const problem = (code: string, at: string, zh: string, en: string) =>
    problems.push({ code, path: `${path}.${at}`, message: { 'zh-CN': zh, en } });
  if (needsCategory.has(chart.type) && !chart.category)
    problem(
      'chart.categoryRequired',
      'category',
      `${chart.type} 图需要分类维度`,
      `a ${chart.type} chart needs a category dimension`,
    );
  if (needsSeries.has(chart.type) && !chart.series)
    problem(
      'chart.seriesRequired',
      'series',
      `${chart.type} 图需要系列维度`,
      `a ${chart.type} chart needs a series dimension`,
    );
  for (const side of ['category', 'series'] as const) {
    const key = chart[side];
    if (key !== undefined && !dimensionKeys.has(key))
      problem(
        'chart.unknownDimension',
        side,
        `数据集 ${dataset.key} 没有维度 "${key}"`,
        `the dataset ${dataset.key} has no dimension "${key}"`,
      );
  }
  if (chart.type !== 'table' && chart.measures.length === 0)
    problem('chart.measureRequired', 'measures', '图表至少需要一个度量', 'a chart needs at least one measure');
  chart.measures.forEach((key, index) => {
    if (!measureKeys.has(key))
      problem(
        'chart.unknownMeasure',
        `measures[${index}]`,
        `数据集 ${dataset.key} 没有度量 "${key}"`,
        `the dataset ${dataset.key} has no measure "${key}"`,
      );
  });
  return problems;
}

/** Draws a dataset result as the chart asks: an ECharts option, a KPI card or a table model. */
export function buildChart(input: ChartInput): ChartOutput {
  const problems = chartProblems(input.chart, input.dataset, `charts.${input.chart.key}`);
  if (problems.length > 0) throw new DefinitionError(problems);
  switch (input.chart.type) {
    case 'bar':
    case 'stackedBar':
    case 'line':
    case 'area':
      return { kind: 'echarts', option: cartesianOption(input) };
    case 'pie':
    case 'donut':
      return { kind: 'echarts', option: pieOption(input) };
    case 'funnel':
      return { kind: 'echarts', option: funnelOption(input) };
    case 'gauge':
      return { kind: 'echarts', option: gaugeOption(input) };
    case 'heatmap':
      return { kind: 'echarts', option: heatmapOption(input) };
    case 'kpi':
      return { kind: 'kpi', ...kpiCard(input) };
    case 'table':
      return { kind: 'table', table: tableModel(input) };
    case 'pivot':
      return { kind: 'table', table: pivotModel(input) };
  }
}
