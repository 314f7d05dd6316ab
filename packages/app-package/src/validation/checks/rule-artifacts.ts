import {
  checkDecisionTable as checkDecisionTableRules,
  checkRuleSet as checkRuleSetRules,
  compileDecisionTable,
  compileRuleSet,
  DefinitionError,
  type DecisionTableDefinition,
  type Problem,
  type RuleSetDefinition,
  type VariableSchema,
} from '@tessera/rules';
import { inFile, packageProblem } from '../../problems/package-problem';
import type { FormModel } from '../form-model';
import type { ValidationContext } from '../validation-context';

type Json = Record<string, unknown>;
const keyPattern = /^[a-z][a-z0-9_]*$/;

function registerKeyed(
  context: ValidationContext,
  registry: Map<string, { file: string; definition: Json }>,
  file: string,
  value: unknown,
  kind: { code: string; zh: string; en: string },
): Json | undefined {
  const definition = value as Json;
  // Processes name tables and rule sets by `id` (the rules engine's name); `key` is accepted too.
  const property = definition && typeof definition === 'object' && 'id' in definition ? 'id' : 'key';
  const key = definition && typeof definition === 'object' && !Array.isArray(definition) ? definition[property] : undefined;
  if (typeof key !== 'string' || !keyPattern.test(key)) {
    context.report(
      packageProblem(file, `${kind.code}.id`, { 'zh-CN': `${kind.zh}必须有小写标识符 id`, en: `a ${kind.en} must have a lower-case identifier as id` }, { path: property }),
    );
    return undefined;
  }
  const existing = registry.get(key);
  if (existing) {
    context.report(
      packageProblem(file, `${kind.code}.duplicate`, { 'zh-CN': `${kind.zh} "${key}" 在 ${existing.file} 中已定义`, en: `the ${kind.en} "${key}" is already defined in ${existing.file}` }, { path: property }),
    );
    return undefined;
  }
  registry.set(key, { file, definition });
  return definition;
}

export function registerDecisionTable(context: ValidationContext, file: string, value: unknown): void {
  registerKeyed(context, context.decisionTables, file, value, { code: 'decisionTable', zh: '决策表', en: 'decision table' });
}

export function registerRuleSet(context: ValidationContext, file: string, value: unknown): void {
  registerKeyed(context, context.ruleSets, file, value, { code: 'ruleSet', zh: '规则集', en: 'rule set' });
}

/** The form a rule artifact runs against (`form`), whose fields its rules may read. */
function boundForm(context: ValidationContext, file: string, definition: Json): FormModel | undefined {
  if (typeof definition.form !== 'string') return undefined;
  return context.checkFormReference(file, definition.form, { path: 'form' });
}

function reportEngineProblems(context: ValidationContext, file: string, problems: readonly Problem[]): void {
  for (const problem of inFile(file, problems)) context.report(problem);
}

/** Compiles a definition with its engine when nothing is known of the variables it reads (process variables). */
function compileOnly(context: ValidationContext, file: string, compile: () => { warnings?: Problem[] } | unknown): void {
  try {
    const compiled = compile() as { warnings?: Problem[] };
    reportEngineProblems(context, file, compiled.warnings ?? []);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    reportEngineProblems(context, file, error.problems);
  }
}

/**
 * Decision tables: the rules engine judges each; when the table names the form it reads (`form`),
 * every input, rule cell and output is also checked against that form's fields and types.
 */
export function checkDecisionTable(context: ValidationContext, file: string, definition: Json): void {
  const table = definition as unknown as DecisionTableDefinition;
  const form = boundForm(context, file, definition);
  if (form) reportEngineProblems(context, file, checkDecisionTableRules(table, form.variables));
  else compileOnly(context, file, () => compileDecisionTable(table));
}

/** Fields every record carries besides its form's: rules on records may read them. */
const recordSystemFields: VariableSchema = { $id: 'string', $createdAt: 'datetime', $updatedAt: 'datetime', $createdBy: 'string', $ownerId: 'string', $departmentId: 'string' };

/**
 * Rule sets: the rules engine compiles each; besides, conditions and values read the bound form, and
 * actions name fields, tags, processes and roles of the app.
 */
export function checkRuleSet(context: ValidationContext, file: string, definition: Json): void {
  const ruleSet = definition as unknown as RuleSetDefinition;
  const form = boundForm(context, file, definition);
  if (form) reportEngineProblems(context, file, checkRuleSetRules(ruleSet, { ...recordSystemFields, ...form.variables }));
  else compileOnly(context, file, () => compileRuleSet(ruleSet));
  const tagOptions = form?.fields.get('tags')?.options;
  const rules = Array.isArray(definition.rules) ? (definition.rules as Json[]) : [];
  rules.forEach((rule, ruleIndex) => {
    const path = `rules[${ruleIndex}]`;
    const actions = Array.isArray(rule.actions) ? (rule.actions as Json[]) : [];
    actions.forEach((action, actionIndex) => {
      const actionPath = `${path}.actions[${actionIndex}]`;
      switch (action.type) {
        case 'set':
          if (typeof action.field === 'string') context.checkFieldReference(file, form, action.field, { path: `${actionPath}.field` });
          break;
        case 'addTag':
        case 'removeTag':
          if (typeof action.tag === 'string' && tagOptions && !tagOptions.includes(action.tag)) {
            context.report(
              packageProblem(
                file,
                'reference.tag.unknown',
                { 'zh-CN': `标签 "${action.tag}" 不是表单 "${form!.key}" 的 tags 字段的选项`, en: `the tag "${action.tag}" is not an option of the tags field of the form "${form!.key}"` },
                { path: `${actionPath}.tag` },
              ),
            );
          }
          break;
        case 'startProcess':
          if (typeof action.process === 'string' && !context.processes.has(action.process)) {
            context.report(
              packageProblem(file, 'reference.process.unknown', { 'zh-CN': `启动的流程 "${action.process}" 不在本应用中`, en: `the started process "${action.process}" is not part of this app` }, { path: `${actionPath}.process` }),
            );
          }
          break;
        case 'createTask':
          (Array.isArray(action.candidateGroups) ? action.candidateGroups : []).forEach((role: unknown, roleIndex: number) =>
            context.checkRoleReference(file, String(role), { path: `${actionPath}.candidateGroups[${roleIndex}]` }),
          );
          break;
      }
    });
  });
}
