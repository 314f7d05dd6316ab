import { HttpStatus } from '@nestjs/common';
import type { Audience, CompiledForm } from '@tessera/forms';
import type { Locale } from '@tessera/rules';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { restoreEchoedValues } from '../records/masked-echo';

/** `loan_application@supplement` names the form and the step whose permissions apply. */
export function parseTaskFormKey(formKey: string, elementId: string): { formKey: string; step: string } {
  const [key, step] = formKey.split('@');
  return { formKey: key!, step: step || elementId };
}

/** The form's fields as they are among the process variables. */
export function formDataOf(form: CompiledForm, variables: Record<string, unknown>): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of form.definition.fields)
    if (variables[field.key] !== undefined) data[field.key] = variables[field.key];
  return data;
}

/**
 * Checks a task submission against its form and step: fields the step does not let the user write
 * are refused (403), the merged data is validated (422). Returns the fields to write to the process.
 */
export function acceptTaskSubmission(
  form: CompiledForm,
  variables: Record<string, unknown>,
  submitted: Record<string, unknown>,
  audience: Audience,
): Record<string, unknown> {
  const previous = formDataOf(form, variables);
  const shown = form.project(previous, audience);
  const changes = restoreEchoedValues(submitted, shown, previous);
  const unknown = Object.keys(changes).filter((key) => !form.definition.fields.some((field) => field.key === key));
  const refused = [...unknown, ...form.acceptWrite(previous, changes, { ...audience, now: new Date() })];
  if (refused.length) {
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'task.fieldForbidden',
      text('无权在此步骤修改以下字段', 'You may not change these fields at this step'),
      refused.map((path) => ({
        path,
        code: 'field.notWritable',
        message: text('无权修改此字段', 'You may not change this field'),
      })),
    );
  }
  const now = new Date();
  const merged = { ...previous, ...changes };
  const result = form.validate(merged, { ...audience, now, locale: 'zh-CN' });
  if (!result.valid) {
    const english = form.validate(merged, { ...audience, now, locale: 'en' as Locale }).errors;
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'task.invalid',
      text('表单数据不正确', 'The form data is not valid'),
      result.errors.map((error, index) => ({
        path: error.path,
        code: error.code,
        message: { 'zh-CN': error.message, en: english[index]?.message ?? error.message },
      })),
    );
  }
  return result.data;
}
