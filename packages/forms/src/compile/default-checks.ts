import type { Problem } from '@tessera/rules';
import type { CompiledForm } from './compiled-form';
import type { FieldPlan, FormPlan } from './field-plan';
import { problem } from './problem';

/** Static defaults must be values their field accepts. */
export function checkDefaults(plan: FormPlan, form: CompiledForm): Problem[] {
  const problems: Problem[] = [];
  const visit = (field: FieldPlan) => {
    const value = field.definition.default;
    if (value !== undefined && !form.acceptsValue(field.path, value)) {
      problems.push(problem('field.default', `${field.definitionPath}.default`, `默认值不是该字段可接受的值`, `the default is not a value this field accepts`));
    }
    field.rows?.fields.forEach(visit);
  };
  plan.fields.forEach(visit);
  return problems;
}
