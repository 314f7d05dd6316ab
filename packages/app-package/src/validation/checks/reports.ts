import { compileReport, type SourceDefinition } from '@tessera/reports';
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

/**
 * The reports engine compiles the whole report (its schema, every dataset against the schema of its
 * source form, charts against datasets, dashboards against charts and parameters). Around it, the
 * app knows what the engine cannot: which forms exist here or in a dependency, and which processes.
 */
export function checkReport(context: ValidationContext, file: string, definition: Json): void {
  const unchecked = new Set<number>();
  const processSources = new Set<number>();
  asArray(definition.datasets).forEach((dataset, index) => {
    const path = `datasets[${index}]`;
    const source = (dataset.source ?? {}) as Json;
    if ((source.type === 'records' || source.type === 'subformRows') && typeof source.form === 'string') {
      const resolved = context.resolveForm(source.form);
      if (!resolved.found) context.checkFormReference(file, source.form, { path: `${path}.source.form` });
      // A dependency that is not installed yet has no fields to check against.
      if (!resolved.model) unchecked.add(index);
      return;
    }
    processSources.add(index);
    if ((source.type === 'processInstances' || source.type === 'tasks') && typeof source.process === 'string' && !context.processes.has(source.process)) {
      context.report(
        packageProblem(file, 'reference.process.unknown', { 'zh-CN': `数据来源流程 "${source.process}" 不在本应用中`, en: `the source process "${source.process}" is not part of this app` }, { path: `${path}.source.process` }),
      );
    }
  });
  const schemaFor = (source: SourceDefinition): VariableSchema | undefined => {
    if (source.type === 'records' || source.type === 'subformRows') return context.resolveForm(source.form).model?.variables ?? {};
    return {};
  };
  let problems: Problem[] = [];
  try {
    compileReport(definition, { schemaFor });
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    problems = error.problems;
  }
  const datasetIndex = (path: string | undefined): number | undefined => {
    const match = /^datasets\[(\d+)\]/.exec(path ?? '');
    return match ? Number(match[1]) : undefined;
  };
  const kept = problems.filter((problem) => {
    const index = datasetIndex(problem.path);
    if (index === undefined) return true;
    if (unchecked.has(index)) return false;
    // Process variables and task data have no schema here: only their system fields ($…) can be judged.
    return !(processSources.has(index) && problem.code === 'dataset.unknownField');
  });
  for (const problem of inFile(file, kept)) context.report(problem);
}
