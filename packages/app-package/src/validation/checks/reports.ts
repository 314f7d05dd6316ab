import { chartProblems, compileDataset, type ChartDefinition, type DatasetDefinition } from '@tessera/reports';
import { DefinitionError, type Problem, type VariableSchema } from '@tessera/rules';
import { inFile, packageProblem } from '../../problems/package-problem';
import type { ValidationContext } from '../validation-context';

type Json = Record<string, unknown>;
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

export function registerReport(context: ValidationContext, file: string, value: unknown): void {
  const definition = value as Json;
  if (!definition || typeof definition !== 'object' || typeof definition.key !== 'string') {
    context.report(packageProblem(file, 'report.key', { 'zh-CN': '报表必须有 key', en: 'a report must have a key' }, { path: 'key' }));
    return;
  }
  const existing = context.reports.get(definition.key);
  if (existing) {
    context.report(
      packageProblem(file, 'report.duplicate', { 'zh-CN': `报表 "${definition.key}" 在 ${existing.file} 中已定义`, en: `the report "${definition.key}" is already defined in ${existing.file}` }, { path: 'key' }),
    );
    return;
  }
  context.reports.set(definition.key, { file, definition });
}

function engineProblems(run: () => unknown): Problem[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
}

/**
 * Datasets are compiled by the reports engine against the schema of their source form (every field,
 * type, bucket and measure checked); the source form itself must exist in the app or a dependency.
 * Charts are checked by the engine against their dataset; dashboards name charts and parameters.
 */
export function checkReport(context: ValidationContext, file: string, definition: Json): void {
  const datasets = new Map<string, { definition: DatasetDefinition; parameters: Set<string> }>();
  asArray(definition.datasets).forEach((dataset, index) => {
    const path = `datasets[${index}]`;
    const source = (dataset.source ?? {}) as Json;
    let schema: VariableSchema | undefined;
    if ((source.type === 'records' || source.type === 'subformRows') && typeof source.form === 'string') {
      const resolved = context.resolveForm(source.form);
      if (!resolved.found) context.checkFormReference(file, source.form, { path: `${path}.source.form` });
      schema = resolved.model?.variables;
    } else {
      if ((source.type === 'processInstances' || source.type === 'tasks') && typeof source.process === 'string' && !context.processes.has(source.process)) {
        context.report(
          packageProblem(file, 'reference.process.unknown', { 'zh-CN': `数据来源流程 "${source.process}" 不在本应用中`, en: `the source process "${source.process}" is not part of this app` }, { path: `${path}.source.process` }),
        );
      }
      schema = {};
    }
    if (schema) {
      const formSource = source.type === 'records' || source.type === 'subformRows';
      const found = engineProblems(() => compileDataset(dataset as unknown as DatasetDefinition, { schema, base: path }));
      // Process variables and task data have no schema here: only their system fields ($…) can be judged.
      for (const problem of inFile(file, formSource ? found : found.filter((candidate) => candidate.code !== 'dataset.unknownField'))) context.report(problem);
    }
    datasets.set(String(dataset.key), { definition: dataset as unknown as DatasetDefinition, parameters: new Set(Object.keys((dataset.parameters ?? {}) as Json)) });
  });
  const charts = new Set<string>();
  asArray(definition.charts).forEach((chart, index) => {
    const path = `charts[${index}]`;
    charts.add(String(chart.key));
    const dataset = datasets.get(String(chart.dataset));
    if (!dataset) {
      context.report(
        packageProblem(file, 'report.chart.dataset', { 'zh-CN': `图表引用了不存在的数据集 "${String(chart.dataset)}"`, en: `the chart uses the unknown dataset "${String(chart.dataset)}"` }, { path: `${path}.dataset` }),
      );
      return;
    }
    for (const problem of inFile(file, chartProblems(chart as unknown as ChartDefinition, dataset.definition, path))) context.report(problem);
  });
  asArray(definition.dashboards).forEach((dashboard, index) => {
    const path = `dashboards[${index}]`;
    asArray(dashboard.widgets).forEach((widget, widgetIndex) => {
      if (!charts.has(String(widget.chart))) {
        context.report(
          packageProblem(file, 'report.dashboard.chart', { 'zh-CN': `看板引用了不存在的图表 "${String(widget.chart)}"`, en: `the dashboard shows the unknown chart "${String(widget.chart)}"` }, { path: `${path}.widgets[${widgetIndex}].chart` }),
        );
      }
    });
    asArray(dashboard.filters).forEach((filter, filterIndex) =>
      asArray(filter.bindings).forEach((binding, bindingIndex) => {
        const dataset = datasets.get(String(binding.dataset));
        if (!dataset || !dataset.parameters.has(String(binding.parameter))) {
          context.report(
            packageProblem(
              file,
              'report.dashboard.binding',
              { 'zh-CN': `筛选条件绑定到不存在的参数 ${String(binding.dataset)}.${String(binding.parameter)}`, en: `the filter is bound to the unknown parameter ${String(binding.dataset)}.${String(binding.parameter)}` },
              { path: `${path}.filters[${filterIndex}].bindings[${bindingIndex}]` },
            ),
          );
        }
      }),
    );
  });
}
