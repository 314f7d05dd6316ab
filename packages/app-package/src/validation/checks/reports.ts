import { packageProblem } from '../../problems/package-problem';
import type { FormModel } from '../form-model';
import type { ValidationContext } from '../validation-context';
import { checkRule } from './rule-check';

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

/** A dataset's source form and every field it reads; charts' datasets and measures; dashboards' charts. */
export function checkReport(context: ValidationContext, file: string, definition: Json): void {
  const datasets = new Map<string, { dimensions: Set<string>; measures: Set<string>; parameters: Set<string> }>();
  asArray(definition.datasets).forEach((dataset, index) => {
    const path = `datasets[${index}]`;
    const source = (dataset.source ?? {}) as Json;
    let form: FormModel | undefined;
    let rowPrefix = '';
    if ((source.type === 'records' || source.type === 'subformRows') && typeof source.form === 'string') {
      form = context.checkFormReference(file, source.form, { path: `${path}.source.form` });
      if (source.type === 'subformRows' && typeof source.path === 'string') {
        context.checkFieldReference(file, form, source.path, { path: `${path}.source.path` });
        rowPrefix = `${source.path}.`;
      }
    }
    if ((source.type === 'processInstances' || source.type === 'tasks') && typeof source.process === 'string' && !context.processes.has(source.process)) {
      context.report(
        packageProblem(file, 'reference.process.unknown', { 'zh-CN': `数据来源流程 "${source.process}" 不在本应用中`, en: `the source process "${source.process}" is not part of this app` }, { path: `${path}.source.process` }),
      );
    }
    const fieldOf = (field: unknown, fieldPath: string): void => {
      if (typeof field !== 'string' || !form) return;
      // Subform-row datasets read row fields by their own key and the record's through `$parent.`.
      if (field.startsWith('$parent.')) return context.checkFieldReference(file, form, field.slice('$parent.'.length), { path: fieldPath });
      context.checkFieldReference(file, form, rowPrefix && !field.startsWith('$') ? `${rowPrefix}${field}` : field, { path: fieldPath });
    };
    const dimensions = new Set<string>();
    asArray(dataset.dimensions).forEach((dimension, dimensionIndex) => {
      dimensions.add(String(dimension.key));
      fieldOf(dimension.field, `${path}.dimensions[${dimensionIndex}].field`);
    });
    const measures = new Set<string>();
    asArray(dataset.measures).forEach((measure, measureIndex) => {
      measures.add(String(measure.key));
      for (const property of ['field', 'from', 'to']) fieldOf(measure[property], `${path}.measures[${measureIndex}].${property}`);
    });
    asArray(dataset.columns).forEach((column, columnIndex) => fieldOf(column.field, `${path}.columns[${columnIndex}].field`));
    if (form && dataset.filter !== undefined && !rowPrefix) {
      const parameters = Object.fromEntries(Object.keys((dataset.parameters ?? {}) as Json).map((key) => [`$params.${key}`, 'any' as const]));
      checkRule(context, file, `${path}.filter`, dataset.filter, { ...form.variables, ...parameters, $createdAt: 'datetime', $updatedAt: 'datetime', $createdBy: 'string', $ownerId: 'string', $departmentId: 'string', $id: 'string' });
    }
    datasets.set(String(dataset.key), { dimensions, measures, parameters: new Set(Object.keys((dataset.parameters ?? {}) as Json)) });
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
    for (const property of ['category', 'series']) {
      const dimension = chart[property];
      if (typeof dimension === 'string' && !dataset.dimensions.has(dimension)) {
        context.report(
          packageProblem(file, 'report.chart.dimension', { 'zh-CN': `数据集中没有维度 "${dimension}"`, en: `the dataset has no dimension "${dimension}"` }, { path: `${path}.${property}` }),
        );
      }
    }
    (Array.isArray(chart.measures) ? chart.measures : []).forEach((measure: unknown, measureIndex: number) => {
      if (!dataset.measures.has(String(measure))) {
        context.report(
          packageProblem(file, 'report.chart.measure', { 'zh-CN': `数据集中没有度量 "${String(measure)}"`, en: `the dataset has no measure "${String(measure)}"` }, { path: `${path}.measures[${measureIndex}]` }),
        );
      }
    });
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
