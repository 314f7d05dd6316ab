import { DefinitionError, type Problem } from '@tessera/rules';
import type { ResultValue } from '../dataset/evaluate-in-memory';
import type {
  ChartDefinition,
  ColumnDefinition,
  DashboardDefinition,
  DashboardWidget,
  DatasetDefinition,
  ReportDefinition,
} from '../definition/types';
import { dayFromIsoDate, isoDateOfDay } from '../time/zoned-time';

/** One widget ready to run: the dataset with its parameters, and for KPI cards the previous period's. */
export interface DashboardPlanEntry {
  widget: DashboardWidget;
  chart: ChartDefinition;
  dataset: DatasetDefinition;
  params: Record<string, unknown>;
  previousParams?: Record<string, unknown>;
}

function find<T extends { key: string }>(items: T[] | undefined, key: string, what: string, path: string): T {
  const item = items?.find((candidate) => candidate.key === key);
  if (!item)
    throw new DefinitionError([
      {
        code: `dashboard.unknown${what}`,
        path,
        message: { 'zh-CN': `找不到 "${key}"`, en: `"${key}" does not exist` },
      },
    ]);
  return item;
}

/** Problems of a dashboard's layout and bindings: widgets inside the grid and not overlapping, filters bound to real parameters. */
export function dashboardProblems(report: ReportDefinition, dashboard: DashboardDefinition, path: string): Problem[] {
  const problems: Problem[] = [];
  const columns = dashboard.columns ?? 24;
  const problem = (code: string, at: string, zh: string, en: string) =>
    problems.push({ code, path: `${path}.${at}`, message: { 'zh-CN': zh, en } });
  dashboard.widgets.forEach((widget, index) => {
    if (!report.charts?.some((chart) => chart.key === widget.chart))
      problem(
        'dashboard.unknownChart',
        `widgets[${index}].chart`,
        `找不到图表 "${widget.chart}"`,
        `the chart "${widget.chart}" does not exist`,
      );
    if (widget.x < 0 || widget.y < 0 || widget.w < 1 || widget.h < 1 || widget.x + widget.w > columns) {
      problem(
        'dashboard.outsideGrid',
        `widgets[${index}]`,
        `组件超出 ${columns} 列网格`,
        `the widget does not fit the ${columns}-column grid`,
      );
    }
    dashboard.widgets.slice(0, index).forEach((other, otherIndex) => {
      const overlaps =
        widget.x < other.x + other.w &&
        other.x < widget.x + widget.w &&
        widget.y < other.y + other.h &&
        other.y < widget.y + widget.h;
      if (overlaps)
        problem(
          'dashboard.overlap',
          `widgets[${index}]`,
          `组件与 widgets[${otherIndex}] 重叠`,
          `the widget overlaps widgets[${otherIndex}]`,
        );
    });
  });
  (dashboard.filters ?? []).forEach((filter, index) => {
    filter.bindings.forEach((binding, bindingIndex) => {
      const at = `filters[${index}].bindings[${bindingIndex}]`;
      const dataset = report.datasets.find((candidate) => candidate.key === binding.dataset);
      const parameter = dataset?.parameters?.[binding.parameter];
      if (!dataset)
        problem(
          'dashboard.unknownDataset',
          `${at}.dataset`,
          `找不到数据集 "${binding.dataset}"`,
          `the dataset "${binding.dataset}" does not exist`,
        );
      else if (!parameter)
        problem(
          'dashboard.unknownParameter',
          `${at}.parameter`,
          `数据集 ${dataset.key} 没有参数 "${binding.parameter}"`,
          `the dataset ${dataset.key} has no parameter "${binding.parameter}"`,
        );
      else if (parameter.type !== filter.type)
        problem(
          'dashboard.filterType',
          at,
          `筛选器类型 ${filter.type} 与参数类型 ${parameter.type} 不一致`,
          `the filter type ${filter.type} differs from the parameter type ${parameter.type}`,
        );
    });
  });
  (dashboard.drillDown ?? []).forEach((drill, index) => {
    if (!dashboard.widgets.some((widget) => widget.chart === drill.chart))
      problem(
        'dashboard.drillDownChart',
        `drillDown[${index}].chart`,
        `仪表盘上没有图表 "${drill.chart}"`,
        `the chart "${drill.chart}" is not on the dashboard`,
      );
  });
  return problems;
}

/** The parameters each dataset gets from the dashboard's shared filters (the filter's default when no value is given). */
export function datasetParameters(
  dashboard: DashboardDefinition,
  datasetKey: string,
  filterValues: Record<string, unknown>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const filter of dashboard.filters ?? []) {
    const value = Object.prototype.hasOwnProperty.call(filterValues, filter.key)
      ? filterValues[filter.key]
      : filter.default;
    if (value === undefined || value === null || value === '') continue;
    for (const binding of filter.bindings) if (binding.dataset === datasetKey) params[binding.parameter] = value;
  }
  return params;
}

/** The period of the same length just before `[from, to)`. */
export function previousPeriod(
  params: Record<string, unknown>,
  compare: { from: string; to: string },
): Record<string, unknown> | undefined {
  const from = typeof params[compare.from] === 'string' ? dayFromIsoDate(params[compare.from] as string) : null;
  const to = typeof params[compare.to] === 'string' ? dayFromIsoDate(params[compare.to] as string) : null;
  if (from === null || to === null || to <= from) return undefined;
  const length = to - from;
  return { ...params, [compare.from]: isoDateOfDay(from - length), [compare.to]: isoDateOfDay(to - length) };
}

/** What the server runs for a dashboard: each widget's chart, dataset and parameters. */
export function planDashboard(
  report: ReportDefinition,
  dashboardKey: string,
  filterValues: Record<string, unknown> = {},
): DashboardPlanEntry[] {
  const dashboard = find(report.dashboards, dashboardKey, 'Dashboard', 'dashboard');
  return dashboard.widgets.map((widget, index) => {
    const chart = find(report.charts, widget.chart, 'Chart', `widgets[${index}].chart`);
    const dataset = find(report.datasets, chart.dataset, 'Dataset', `charts.${chart.key}.dataset`);
    const params = datasetParameters(dashboard, dataset.key, filterValues);
    const previousParams = chart.type === 'kpi' && chart.compare ? previousPeriod(params, chart.compare) : undefined;
    return { widget, chart, dataset, params, ...(previousParams ? { previousParams } : {}) };
  });
}

/**
 * The listing behind a clicked chart segment: the chart's dataset with the same filter and
 * parameters, restricted to the segment's category (and series) value, one row per record.
 */
export function drillDown(
  report: ReportDefinition,
  dashboardKey: string,
  chartKey: string,
  segment: { category?: ResultValue; series?: ResultValue },
): DatasetDefinition {
  const dashboard = find(report.dashboards, dashboardKey, 'Dashboard', 'dashboard');
  const chart = find(report.charts, chartKey, 'Chart', 'chart');
  const dataset = find(report.datasets, chart.dataset, 'Dataset', `charts.${chart.key}.dataset`);
  const configured = dashboard.drillDown?.find((drill) => drill.chart === chartKey);
  const dimensionOf = (key: string | undefined) => dataset.dimensions?.find((dimension) => dimension.key === key);
  const conditions: DatasetDefinition['segment'] = [];
  for (const side of ['category', 'series'] as const) {
    const dimension = dimensionOf(chart[side]);
    if (dimension && segment[side] !== undefined) conditions.push({ dimension, value: segment[side] });
  }
  const defaultColumns: ColumnDefinition[] = [
    { key: 'id', field: '$id', label: { 'zh-CN': '编号', en: 'ID' } },
    ...(dataset.dimensions ?? [])
      .filter((dimension) => !dimension.bucket && !dimension.ranges)
      .map((dimension) => ({ key: dimension.key, field: dimension.field, label: dimension.label })),
  ];
  return {
    key: `${dataset.key}_drillDown`,
    title: dataset.title,
    source: dataset.source,
    filter: dataset.filter,
    parameters: dataset.parameters,
    timeZone: dataset.timeZone,
    columns: configured?.columns ?? defaultColumns,
    segment: conditions,
    limit: configured?.limit ?? 500,
  };
}
