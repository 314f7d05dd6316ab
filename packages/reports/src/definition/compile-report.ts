import { DefinitionError, type Problem, type VariableSchema } from '@tessera/rules';
import Ajv2020 from 'ajv/dist/2020';
import { chartProblems } from '../charts/build-chart';
import { type CompiledDataset, compileDataset } from '../dataset/compile-dataset';
import { dashboardProblems } from '../dashboard/dashboard';
import type { TableOverrides } from '../source/tables';
import { reportSchema } from './report-schema';
import type { ReportDefinition, SourceDefinition } from './types';

export interface ReportCompileOptions {
  /** The variables of a source: the form's fields for records, the process variables for instances. Undefined for an unknown form. */
  schemaFor?: (source: SourceDefinition) => VariableSchema | undefined;
  tables?: TableOverrides;
}

export interface CompiledReport {
  definition: ReportDefinition;
  datasets: Record<string, CompiledDataset>;
}

const validate = new Ajv2020({ allErrors: true, strict: false }).compile(reportSchema);

function pathOf(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, step) => (/^\d+$/.test(step) ? `${path}[${step}]` : path ? `${path}.${step}` : step), '');
}

function schemaProblems(definition: unknown): Problem[] {
  if (validate(definition)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of validate.errors ?? []) {
    // `if`/`oneOf` wrappers repeat what their branches already said.
    if (error.keyword === 'if' || error.keyword === 'oneOf') continue;
    const detail =
      error.keyword === 'additionalProperties'
        ? `${error.message} (${String(error.params.additionalProperty)})`
        : (error.message ?? 'is invalid');
    const path = pathOf(error.instancePath);
    const key = `${path}|${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({
      code: `schema.${error.keyword}`,
      path: path || '(root)',
      message: { 'zh-CN': `不符合报表定义格式：${detail}`, en: `does not match the report format: ${detail}` },
    });
  }
  return problems;
}

function duplicates(keys: string[], path: string, what: LocalizedWhat): Problem[] {
  const seen = new Set<string>();
  return keys.flatMap((key, index) => {
    if (!seen.has(key)) {
      seen.add(key);
      return [];
    }
    return [
      {
        code: `report.duplicate${what.code}`,
        path: `${path}[${index}].key`,
        message: { 'zh-CN': `${what.zh}键 "${key}" 重复`, en: `the ${what.en} key "${key}" is used twice` },
      },
    ];
  });
}

interface LocalizedWhat {
  code: string;
  zh: string;
  en: string;
}

/** Validates a `*.report.json` against its schema and every cross-reference, compiling its datasets; lists all problems. */
export function compileReport(input: unknown, options: ReportCompileOptions = {}): CompiledReport {
  const structural = schemaProblems(input);
  if (structural.length > 0) throw new DefinitionError(structural);
  const definition = input as ReportDefinition;
  const problems: Problem[] = [
    ...duplicates(
      definition.datasets.map((dataset) => dataset.key),
      'datasets',
      { code: 'Dataset', zh: '数据集', en: 'dataset' },
    ),
    ...duplicates(
      (definition.charts ?? []).map((chart) => chart.key),
      'charts',
      { code: 'Chart', zh: '图表', en: 'chart' },
    ),
    ...duplicates(
      (definition.dashboards ?? []).map((dashboard) => dashboard.key),
      'dashboards',
      { code: 'Dashboard', zh: '仪表盘', en: 'dashboard' },
    ),
  ];
  const datasets: Record<string, CompiledDataset> = {};
  definition.datasets.forEach((dataset, index) => {
    const base = `datasets[${index}]`;
    const schema = options.schemaFor ? options.schemaFor(dataset.source) : {};
    const needsSchema = dataset.source.type === 'records' || dataset.source.type === 'subformRows';
    if (needsSchema && schema === undefined) {
      const form = 'form' in dataset.source ? dataset.source.form : '';
      problems.push({
        code: 'report.unknownForm',
        path: `${base}.source.form`,
        message: { 'zh-CN': `表单 "${form}" 不存在`, en: `the form "${form}" does not exist` },
      });
      return;
    }
    try {
      datasets[dataset.key] = compileDataset(dataset, { schema, tables: options.tables, base });
    } catch (error) {
      if (error instanceof DefinitionError) problems.push(...error.problems);
      else throw error;
    }
  });
  (definition.charts ?? []).forEach((chart, index) => {
    const dataset = definition.datasets.find((candidate) => candidate.key === chart.dataset);
    if (!dataset) {
      problems.push({
        code: 'chart.unknownDataset',
        path: `charts[${index}].dataset`,
        message: { 'zh-CN': `数据集 "${chart.dataset}" 不存在`, en: `the dataset "${chart.dataset}" does not exist` },
      });
      return;
    }
    problems.push(...chartProblems(chart, dataset, `charts[${index}]`));
    if (chart.compare) {
      for (const side of ['from', 'to'] as const) {
        if (dataset.parameters?.[chart.compare[side]]?.type !== 'date') {
          problems.push({
            code: 'chart.compareParameter',
            path: `charts[${index}].compare.${side}`,
            message: {
              'zh-CN': `"${chart.compare[side]}" 不是数据集的日期参数`,
              en: `"${chart.compare[side]}" is not a date parameter of the dataset`,
            },
          });
        }
      }
    }
  });
  (definition.dashboards ?? []).forEach((dashboard, index) =>
    problems.push(...dashboardProblems(definition, dashboard, `dashboards[${index}]`)),
  );
  if (problems.length > 0) throw new DefinitionError(problems);
  return { definition, datasets };
}
