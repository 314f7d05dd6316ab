import { packageProblem } from '../../problems/package-problem';
import { describeForm, type FormModel } from '../form-model';
import type { ValidationContext } from '../validation-context';
import { checkRule } from './rule-check';

const formKeyPattern = /^[a-z][a-z0-9_]*$/;
const ruleProperties = ['required', 'visible', 'readonly', 'defaultRule', 'optionsRule', 'rule'] as const;

/**
 * Checks one form file's shape and registers its model. The rules inside it (visibility, required,
 * computed values, validations) are checked against the form's own fields by the rules engine.
 */
export function registerForm(context: ValidationContext, file: string, value: unknown): FormModel | undefined {
  const definition = value as { key?: unknown; version?: unknown; title?: unknown; fields?: unknown };
  const fail = (code: string, zh: string, en: string, path?: string): void => context.report(packageProblem(file, code, { 'zh-CN': zh, en }, { path }));
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    fail('form.invalid', '表单定义必须是 JSON 对象', 'a form definition must be a JSON object');
    return undefined;
  }
  if (typeof definition.key !== 'string' || !formKeyPattern.test(definition.key)) {
    fail('form.key', '表单 key 必须是小写字母开头的标识符', 'the form key must be an identifier starting with a lower-case letter', 'key');
    return undefined;
  }
  if (!Array.isArray(definition.fields)) {
    fail('form.fields', '表单必须有 fields 数组', 'a form must have a fields array', 'fields');
    return undefined;
  }
  if (context.forms.has(definition.key)) {
    fail('form.duplicate', `表单 "${definition.key}" 在 ${context.forms.get(definition.key)!.file} 中已定义`, `the form "${definition.key}" is already defined in ${context.forms.get(definition.key)!.file}`, 'key');
    return undefined;
  }
  const model = describeForm(file, definition as { key: string; fields: unknown[] });
  context.forms.set(model.key, model);
  return model;
}

/** Cross-references of a form, once every form of the app is known. */
export function checkFormReferences(context: ValidationContext, model: FormModel, value: unknown): void {
  const file = model.file;
  for (const { role, path } of model.roles) context.checkRoleReference(file, role, { path });
  for (const field of model.fields.values()) {
    if (field.type === 'relation') {
      if (!field.relationForm) {
        context.report(
          packageProblem(file, 'form.relation.target', { 'zh-CN': '关联字段必须指定目标表单（form）', en: 'a relation field must name its target form (form)' }, { path: `${field.definitionPath}.form` }),
        );
      } else {
        context.checkFormReference(file, field.relationForm, { path: `${field.definitionPath}.form` });
      }
    }
  }
  const seen = new Map<string, string>();
  const walk = (fields: unknown, prefix: string, variables = model.variables): void => {
    if (!Array.isArray(fields)) return;
    fields.forEach((raw: Record<string, unknown>, index) => {
      const path = `${prefix}[${index}]`;
      if (!raw || typeof raw !== 'object') return;
      if (typeof raw.key !== 'string' || typeof raw.type !== 'string') {
        context.report(packageProblem(file, 'form.field.invalid', { 'zh-CN': '字段必须有 key 和 type', en: 'a field must have a key and a type' }, { path }));
        return;
      }
      const duplicateOf = seen.get(`${prefix}:${raw.key}`);
      if (duplicateOf) {
        context.report(packageProblem(file, 'form.field.duplicate', { 'zh-CN': `字段 "${raw.key}" 与 ${duplicateOf} 重复`, en: `the field "${raw.key}" duplicates ${duplicateOf}` }, { path: `${path}.key` }));
      }
      seen.set(`${prefix}:${raw.key}`, path);
      for (const property of ruleProperties) {
        const rule = raw[property];
        if (rule !== undefined && typeof rule === 'object' && rule !== null) checkRule(context, file, `${path}.${property}`, rule, variables);
      }
      if (Array.isArray(raw.validations)) {
        raw.validations.forEach((validation: { rule?: unknown }, validationIndex) => {
          if (validation && typeof validation.rule === 'object' && validation.rule !== null) {
            checkRule(context, file, `${path}.validations[${validationIndex}].rule`, validation.rule, variables);
          }
        });
      }
      if (raw.type === 'subform') {
        const rowSchema = (model.variables[raw.key] as { items?: Record<string, never> } | undefined)?.items ?? {};
        // Row rules see the row's fields and, as in the forms engine, the whole record beside them.
        walk(raw.fields, `${path}.fields`, { ...model.variables, ...rowSchema });
      }
    });
  };
  walk((value as { fields?: unknown }).fields, 'fields');
  const layout = (value as { layout?: { sections?: { fields?: unknown[] }[]; tabs?: { sections?: { fields?: unknown[] }[] }[] } }).layout;
  const sections = [...(layout?.sections ?? []).map((section, index) => ({ section, path: `layout.sections[${index}]` }))];
  (layout?.tabs ?? []).forEach((tab, tabIndex) =>
    (tab.sections ?? []).forEach((section, index) => sections.push({ section, path: `layout.tabs[${tabIndex}].sections[${index}]` })),
  );
  for (const { section, path } of sections) {
    (section.fields ?? []).forEach((entry, index) => {
      const key = typeof entry === 'string' ? entry : (entry as { field?: string })?.field;
      if (typeof key === 'string' && !model.fields.has(key)) {
        context.report(
          packageProblem(file, 'form.layout.unknownField', { 'zh-CN': `布局引用了不存在的字段 "${key}"`, en: `the layout places the unknown field "${key}"` }, { path: `${path}.fields[${index}]` }),
        );
      }
    });
  }
}
