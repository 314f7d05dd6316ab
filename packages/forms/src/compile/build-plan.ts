import { check, compile, RuleError, type CompiledRule, type Problem, type Rule, type VariableSchema } from '@tessera/rules';
import type { FieldDefinition, FieldMask, FormDefinition } from '../definition/types';
import { fieldTypes } from '../field-types/registry';
import type { Condition, FieldPlan, FormPlan, RowPlan } from './field-plan';
import { joinPath } from './problem';
import { resolutionOrder, type OrderNode } from './resolution-order';
import { rootOf, ruleVariables } from './rule-variables';
import { rowScopeVariableSchema } from './variable-schema';

interface RuleCompiler {
  (rule: Rule, path: string): CompiledRule | undefined;
}

function ruleCompiler(schema: VariableSchema, problems: Problem[]): RuleCompiler {
  return (rule, path) => {
    let failed = false;
    for (const found of check(rule, schema)) {
      problems.push({ ...found, path: joinPath(path, found.path) });
      if (found.severity !== 'warning') failed = true;
    }
    try {
      const compiled = compile(rule);
      return failed ? undefined : compiled;
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      if (!failed) problems.push({ code: error.code, path: joinPath(path, error.path), message: error.messages, severity: 'error' });
      return undefined;
    }
  };
}

function condition(value: unknown, fallback: boolean, path: string, compileRule: RuleCompiler): Condition {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  return compileRule(value, path) ?? fallback;
}

function maskOf(field: FieldDefinition): FieldMask | undefined {
  if (field.mask === undefined) return undefined;
  return typeof field.mask === 'string' ? { preset: field.mask } : field.mask;
}

function planField(field: FieldDefinition, index: number, definitionPath: string, parentPath: string | undefined, compileRule: RuleCompiler): FieldPlan {
  const spec = fieldTypes[field.type];
  const variable = spec.variable(field);
  const plan: FieldPlan = {
    index,
    key: field.key,
    path: parentPath ? `${parentPath}.${field.key}` : field.key,
    parentPath,
    definitionPath,
    type: field.type,
    definition: field,
    spec,
    label: field.label,
    valueType: typeof variable === 'string' ? variable : variable.type,
    visible: condition(field.visible, true, `${definitionPath}.visible`, compileRule),
    required: condition(field.required, false, `${definitionPath}.required`, compileRule),
    readonly: field.type === 'computed' ? true : condition(field.readonly, false, `${definitionPath}.readonly`, compileRule),
    validations: [],
    permissions: field.permissions,
    mask: maskOf(field),
  };
  if (field.type === 'computed' && field.rule !== undefined) plan.computed = compileRule(field.rule, `${definitionPath}.rule`);
  if (field.defaultRule !== undefined) plan.defaultRule = compileRule(field.defaultRule, `${definitionPath}.defaultRule`);
  if (field.optionsRule !== undefined) plan.optionsRule = compileRule(field.optionsRule, `${definitionPath}.optionsRule`);
  (field.validations ?? []).forEach((validation, position) => {
    const rule = compileRule(validation.rule, `${definitionPath}.validations[${position}].rule`);
    if (rule) plan.validations.push({ rule, message: validation.message, code: validation.code ?? 'rule.failed' });
  });
  return plan;
}

/** The rules that decide a field's value: its visibility and, for computed fields, its rule. */
function valueRuleVariables(field: FieldDefinition): Set<string> {
  const found = new Set<string>();
  for (const rule of [typeof field.visible === 'object' ? field.visible : undefined, field.type === 'computed' ? field.rule : undefined]) {
    if (rule !== undefined) for (const name of ruleVariables(rule)) found.add(name);
  }
  return found;
}

function planRows(subform: FieldDefinition, subformPath: string, formSchema: VariableSchema, problems: Problem[]): { rows: RowPlan; formDependencies: Set<string> } {
  const rowFields = subform.fields ?? [];
  const compileRule = ruleCompiler(rowScopeVariableSchema(formSchema, rowFields), problems);
  const fields = rowFields.map((field, index) => planField(field, index, `${subformPath}.fields[${index}]`, subform.key, compileRule));
  const formDependencies = new Set<string>();
  const nodes: OrderNode<FieldPlan>[] = fields.map((plan) => {
    const dependsOn = new Set<string>();
    for (const name of valueRuleVariables(plan.definition)) {
      if (name === 'row') for (const sibling of fields) dependsOn.add(sibling.key);
      else if (name.startsWith('row.')) dependsOn.add(rootOf(name.slice(4)));
      else if (name !== 'rowIndex' && name !== '*') formDependencies.add(rootOf(name));
    }
    return { item: plan, key: plan.key, path: plan.definitionPath, dependsOn };
  });
  // A row may read its own subform (e.g. how many rows there are) without waiting on itself.
  formDependencies.delete(subform.key);
  const order = resolutionOrder(nodes, problems);
  return { rows: { fields, order, byKey: new Map(fields.map((plan) => [plan.key, plan])) }, formDependencies };
}

/** Compiles every rule of the form (checked against the form's own fields) and orders resolution. */
export function buildPlan(definition: FormDefinition, formSchema: VariableSchema, problems: Problem[]): FormPlan {
  const compileRule = ruleCompiler(formSchema, problems);
  const nodes: OrderNode<FieldPlan>[] = [];
  const fields = definition.fields.map((field, index) => {
    const definitionPath = `fields[${index}]`;
    const plan = planField(field, index, definitionPath, undefined, compileRule);
    const dependsOn = new Set([...valueRuleVariables(field)].filter((name) => name !== '*').map(rootOf));
    if (field.type === 'subform') {
      const { rows, formDependencies } = planRows(field, definitionPath, formSchema, problems);
      plan.rows = rows;
      for (const name of formDependencies) dependsOn.add(name);
    }
    nodes.push({ item: plan, key: plan.key, path: definitionPath, dependsOn });
    return plan;
  });
  const order = resolutionOrder(nodes, problems);
  return { fields, order, byKey: new Map(fields.map((plan) => [plan.key, plan])), permissions: definition.permissions };
}

