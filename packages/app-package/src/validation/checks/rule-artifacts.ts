import { compileDecisionTable, DefinitionError, type DecisionTableDefinition } from '@tessera/rules';
import { inFile, packageProblem } from '../../problems/package-problem';
import type { FormModel } from '../form-model';
import type { ValidationContext } from '../validation-context';
import { checkRule } from './rule-check';

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

/**
 * Decision tables: the rules engine compiles each (cells, hit policy, outputs, gaps); besides, inputs
 * and rule cells read the bound form's fields when the table names one (`form`).
 */
export function checkDecisionTable(context: ValidationContext, file: string, definition: Json): void {
  try {
    for (const warning of compileDecisionTable(definition as unknown as DecisionTableDefinition).warnings) {
      context.report({ ...warning, file, severity: 'warning' });
    }
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    for (const problem of inFile(file, error.problems)) context.report(problem);
  }
  const form = boundForm(context, file, definition);
  if (!form) return;
  const inputs = Array.isArray(definition.inputs) ? (definition.inputs as Json[]) : [];
  inputs.forEach((input, index) => {
    if (input.expression !== undefined) checkRule(context, file, `inputs[${index}].expression`, input.expression, form.variables);
  });
  const rows = Array.isArray(definition.rows) ? (definition.rows as Json[]) : [];
  rows.forEach((row, rowIndex) => {
    const cells = Array.isArray(row.when) ? row.when : [];
    cells.forEach((cell, cellIndex) => {
      // Object cells are rules over the whole data; text cells are unary tests of their input.
      if (cell !== null && typeof cell === 'object') checkRule(context, file, `rows[${rowIndex}].when[${cellIndex}]`, cell, form.variables);
    });
  });
}

/** Rule sets: conditions and values read the bound form; actions name fields, tags, processes and roles of the app. */
export function checkRuleSet(context: ValidationContext, file: string, definition: Json): void {
  const form = boundForm(context, file, definition);
  const variables = form?.variables ?? {};
  const tagOptions = form?.fields.get('tags')?.options;
  const rules = Array.isArray(definition.rules) ? (definition.rules as Json[]) : [];
  rules.forEach((rule, ruleIndex) => {
    const path = `rules[${ruleIndex}]`;
    if (form && rule.when !== undefined) checkRule(context, file, `${path}.when`, rule.when, variables);
    const actions = Array.isArray(rule.then) ? (rule.then as Json[]) : [];
    actions.forEach((action, actionIndex) => {
      const actionPath = `${path}.then[${actionIndex}]`;
      switch (action.type) {
        case 'set':
          if (typeof action.field === 'string') context.checkFieldReference(file, form, action.field, { path: `${actionPath}.field` });
          if (form && action.value !== undefined && typeof action.value === 'object') checkRule(context, file, `${actionPath}.value`, action.value, variables);
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
        case 'notify':
          if (typeof action.role === 'string') context.checkRoleReference(file, action.role, { path: `${actionPath}.role` });
          if (typeof action.form === 'string') context.checkFormReference(file, action.form, { path: `${actionPath}.form` });
          break;
      }
    });
  });
}
