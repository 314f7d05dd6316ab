import type { VariableSchema, VariableType } from '@tessera/rules';
import { packageProblem } from '../../problems/package-problem';
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
  if (!definition || typeof definition !== 'object' || Array.isArray(definition) || typeof definition.key !== 'string' || !keyPattern.test(definition.key)) {
    context.report(
      packageProblem(file, `${kind.code}.key`, { 'zh-CN': `${kind.zh}必须有小写标识符 key`, en: `a ${kind.en} must have a lower-case identifier as key` }, { path: 'key' }),
    );
    return undefined;
  }
  const existing = registry.get(definition.key);
  if (existing) {
    context.report(
      packageProblem(file, `${kind.code}.duplicate`, { 'zh-CN': `${kind.zh} "${definition.key}" 在 ${existing.file} 中已定义`, en: `the ${kind.en} "${definition.key}" is already defined in ${existing.file}` }, { path: 'key' }),
    );
    return undefined;
  }
  registry.set(definition.key, { file, definition });
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

/** Decision tables: inputs read the bound form (when given); rule entries read the inputs by key. */
export function checkDecisionTable(context: ValidationContext, file: string, definition: Json): void {
  const form = boundForm(context, file, definition);
  const inputs = Array.isArray(definition.inputs) ? (definition.inputs as Json[]) : [];
  const outputs = Array.isArray(definition.outputs) ? (definition.outputs as Json[]) : [];
  const inputSchema: VariableSchema = {};
  inputs.forEach((input, index) => {
    if (typeof input.key === 'string') inputSchema[input.key] = (typeof input.type === 'string' ? input.type : 'any') as VariableType;
    if (form && input.expression !== undefined) checkRule(context, file, `inputs[${index}].expression`, input.expression, form.variables);
  });
  const rows = Array.isArray(definition.rules) ? (definition.rules as Json[]) : [];
  rows.forEach((row, rowIndex) => {
    const entries = Array.isArray(row.inputEntries) ? row.inputEntries : [];
    if (entries.length !== inputs.length) {
      context.report(
        packageProblem(
          file,
          'decisionTable.row.width',
          { 'zh-CN': `第 ${rowIndex + 1} 行有 ${entries.length} 个输入条件，表头有 ${inputs.length} 列`, en: `row ${rowIndex + 1} has ${entries.length} input entries for ${inputs.length} inputs` },
          { path: `rules[${rowIndex}].inputEntries` },
        ),
      );
    }
    entries.forEach((entry, entryIndex) => {
      if (entry !== '-' && entry !== null) checkRule(context, file, `rules[${rowIndex}].inputEntries[${entryIndex}]`, entry, inputSchema);
    });
    const outputEntries = Array.isArray(row.outputEntries) ? row.outputEntries : [];
    if (outputEntries.length !== outputs.length) {
      context.report(
        packageProblem(
          file,
          'decisionTable.row.width',
          { 'zh-CN': `第 ${rowIndex + 1} 行有 ${outputEntries.length} 个输出，表头有 ${outputs.length} 列`, en: `row ${rowIndex + 1} has ${outputEntries.length} output entries for ${outputs.length} outputs` },
          { path: `rules[${rowIndex}].outputEntries` },
        ),
      );
    }
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
