import type { Problem } from '@tessera/rules';
import type { ValidateFunction } from 'ajv';
import type { FieldPlan, FormPlan } from './field-plan';
import { problem } from './problem';

function invalidDefault(field: FieldPlan): Problem {
  return problem('field.default', `${field.definitionPath}.default`, '默认值不是该字段可接受的值', 'the default is not a value this field accepts');
}

/**
 * Static defaults must be values their field accepts. All of them go through the form's own
 * submission validator at once (one sample record, one sample row), which validation needs anyway.
 */
export function checkDefaults(plan: FormPlan, submissionValidator: () => ValidateFunction): Problem[] {
  const sample: Record<string, unknown> = {};
  const withDefaults: FieldPlan[] = [];
  for (const field of plan.fields) {
    if (field.rows) {
      const row: Record<string, unknown> = {};
      for (const rowField of field.rows.fields) {
        if (rowField.definition.default === undefined) continue;
        row[rowField.key] = rowField.definition.default;
        withDefaults.push(rowField);
      }
      if (Object.keys(row).length > 0) sample[field.key] = [row];
    } else if (field.definition.default !== undefined) {
      sample[field.key] = field.definition.default;
      withDefaults.push(field);
    }
  }
  if (withDefaults.length === 0) return [];
  const validate = submissionValidator();
  const failed = new Set<string>();
  if (!validate(sample)) {
    for (const error of validate.errors ?? []) {
      const [top, , rowKey] = error.instancePath.split('/').slice(1);
      failed.add(rowKey === undefined ? top! : `${top}.${rowKey}`);
    }
  }
  return withDefaults
    .filter((field) => failed.has(field.path) || field.spec.check?.(field.definition.default, field.definition, {}) != null)
    .map(invalidDefault);
}
