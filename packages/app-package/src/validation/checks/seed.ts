import type { SeedRecord } from '../../app-package';
import { packageProblem } from '../../problems/package-problem';
import type { ValidationContext } from '../validation-context';

type Json = Record<string, unknown>;

/**
 * A seed file is `{ "form": "<form key>", "records": [{ "id", "createdAt"?, "createdBy"?, "data" }] }`.
 * Records must pass the form's validation; relation values (`{ id, display }`) name seed ids, which
 * must exist when they point at a form of this template.
 */
export function readSeed(context: ValidationContext, file: string, value: unknown): { form: string; records: SeedRecord[] } | undefined {
  const seed = value as Json;
  if (!seed || typeof seed !== 'object' || typeof seed.form !== 'string' || !Array.isArray(seed.records)) {
    context.report(
      packageProblem(file, 'seed.invalid', { 'zh-CN': '种子数据必须是 { "form", "records": [...] }', en: 'seed data must be { "form", "records": [...] }' }),
    );
    return undefined;
  }
  return { form: seed.form, records: seed.records as SeedRecord[] };
}

export function checkSeed(context: ValidationContext, seeds: { file: string; form: string; records: SeedRecord[] }[]): void {
  const ids = new Map<string, { form: string; file: string }>();
  for (const seed of seeds) {
    seed.records.forEach((record, index) => {
      if (!record || typeof record.id !== 'string' || !record.data || typeof record.data !== 'object') {
        context.report(packageProblem(seed.file, 'seed.record.invalid', { 'zh-CN': '种子记录必须有 id 和 data', en: 'a seed record must have an id and data' }, { path: `records[${index}]` }));
        return;
      }
      if (ids.has(record.id)) {
        context.report(packageProblem(seed.file, 'seed.record.duplicateId', { 'zh-CN': `种子记录 id "${record.id}" 重复`, en: `the seed record id "${record.id}" is used twice` }, { path: `records[${index}].id` }));
      }
      ids.set(record.id, { form: seed.form, file: seed.file });
    });
  }
  for (const seed of seeds) {
    const form = context.checkFormReference(seed.file, seed.form, { path: 'form' });
    if (!form) continue;
    const compiled = context.compiledForms.get(seed.form);
    // Seed data is written by the system, so it is held to what the most privileged audience may write.
    const audience = { role: [...context.roles] };
    seed.records.forEach((record, index) => {
      if (!record?.data || typeof record.data !== 'object') return;
      if (compiled) {
        const result = compiled.validate(record.data, { ...audience, now: record.createdAt, locale: 'en' });
        const zh = result.valid ? undefined : compiled.validate(record.data, { ...audience, now: record.createdAt, locale: 'zh-CN' });
        result.errors.forEach((error, errorIndex) =>
          context.report(
            packageProblem(seed.file, `seed.${error.code}`, { 'zh-CN': zh?.errors[errorIndex]?.message ?? error.message, en: error.message }, { path: `records[${index}].data.${error.path}` }),
          ),
        );
      }
      for (const [key, value] of Object.entries(record.data)) {
        const path = `records[${index}].data.${key}`;
        const field = form.fields.get(key);
        if (!field) {
          // The forms engine already names unknown fields of records it validated.
          if (!compiled) context.checkFieldReference(seed.file, form, key, { path });
          continue;
        }
        const related = (value as { id?: unknown } | null | undefined)?.id;
        if (field.type === 'relation' && typeof related === 'string') {
          const target = ids.get(related);
          if (!target) {
            // A relation into an installed dependency cannot be checked here; one into this template can.
            if (context.forms.has(field.relationForm ?? '')) {
              context.report(
                packageProblem(seed.file, 'seed.relation.unknown', { 'zh-CN': `关联的种子记录 "${related}" 不存在`, en: `the related seed record "${related}" does not exist` }, { path }),
              );
            }
          } else if (target.form !== field.relationForm) {
            context.report(
              packageProblem(
                seed.file,
                'seed.relation.form',
                { 'zh-CN': `种子记录 "${related}" 属于表单 "${target.form}"，而字段关联的是 "${field.relationForm}"`, en: `the seed record "${related}" belongs to "${target.form}", but the field relates to "${field.relationForm}"` },
                { path },
              ),
            );
          }
        }
      }
    });
  }
}
