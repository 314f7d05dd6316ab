import { compileForm, type CompiledForm } from '@tessera/forms';
import { DefinitionError } from '@tessera/rules';
import { inFile, packageProblem } from '../../problems/package-problem';
import { describeForm, type FormModel } from '../form-model';
import type { ValidationContext } from '../validation-context';

const formKeyPattern = /^[a-z][a-z0-9_]*$/;

/**
 * Registers one form file and has `compileForm` judge its content (schema, duplicate keys, layout,
 * every rule against the form's own field types, defaults, cycles).
 */
export function registerForm(context: ValidationContext, file: string, value: unknown): FormModel | undefined {
  const definition = value as { key?: unknown; version?: unknown; title?: unknown; fields?: unknown };
  const fail = (code: string, zh: string, en: string, path?: string): void => context.report(packageProblem(file, code, { 'zh-CN': zh, en }, { path }));
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    fail('form.invalid', '表单定义必须是 JSON 对象', 'a form definition must be a JSON object');
    return undefined;
  }
  let compiled: CompiledForm | undefined;
  try {
    // The forms engine is the judge of a form's own content; its variable schema is what rules see.
    compiled = compileForm(definition);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    for (const problem of inFile(file, error.problems)) context.report(problem);
  }
  if (typeof definition.key !== 'string' || !formKeyPattern.test(definition.key) || !Array.isArray(definition.fields)) return undefined;
  const existing = context.forms.get(definition.key);
  if (existing) {
    fail('form.duplicate', `表单 "${definition.key}" 在 ${existing.file} 中已定义`, `the form "${definition.key}" is already defined in ${existing.file}`, 'key');
    return undefined;
  }
  const model = describeForm(file, definition as { key: string; fields: unknown[] });
  if (compiled) {
    model.variables = compiled.variableSchema;
    context.compiledForms.set(model.key, compiled);
  }
  context.forms.set(model.key, model);
  return model;
}

/** Cross-references of a form, once every form of the app is known: relation targets and roles. */
export function checkFormReferences(context: ValidationContext, model: FormModel): void {
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
}
