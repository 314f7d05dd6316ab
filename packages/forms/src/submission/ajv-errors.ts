import type { Locale } from '@tessera/rules';
import type { ErrorObject } from 'ajv';
import type { FieldPlan, FormPlan } from '../compile/field-plan';
import { dataError, type DataError } from '../errors/data-error';

const GENERIC_CODES: Record<string, string> = {
  type: 'type',
  enum: 'option.invalid',
  minLength: 'text.minLength',
  maxLength: 'text.maxLength',
  minimum: 'number.min',
  maximum: 'number.max',
  minItems: 'options.minItems',
  maxItems: 'options.maxItems',
  uniqueItems: 'options.duplicate',
  pattern: 'text.pattern',
};

function codeFor(field: FieldPlan, keyword: string, atValue: boolean): string {
  const specific = field.spec.errorCodes?.[keyword];
  if (specific) return specific;
  if (keyword === 'format') return `${field.type}.format`;
  return (atValue ? GENERIC_CODES[keyword] : undefined) ?? `${field.type}.invalid`;
}

function fieldError(field: FieldPlan, path: string, error: ErrorObject, depth: number, locale: Locale): DataError {
  const code = codeFor(field, error.keyword, depth === 0);
  const params = error.params as Record<string, unknown>;
  const custom = code === 'text.pattern' ? field.definition.patternMessage : undefined;
  return dataError(code, path, field.label, locale, { limit: params.limit, level: params.missingProperty }, custom);
}

function unknownField(path: string, name: string, locale: Locale): DataError {
  const full = path ? `${path}.${name}` : name;
  return dataError('field.unknown', full, undefined, locale, { field: name });
}

/** ajv's findings as data errors, one per path (the first, which is the most basic). */
export function mapAjvErrors(errors: readonly ErrorObject[], plan: FormPlan, locale: Locale, out: DataError[], failedPaths: Set<string>): void {
  for (const error of errors) {
    const mapped = mapOne(error, plan, locale);
    if (failedPaths.has(mapped.path)) continue;
    failedPaths.add(mapped.path);
    out.push(mapped);
  }
}

function mapOne(error: ErrorObject, plan: FormPlan, locale: Locale): DataError {
  const segments = error.instancePath.split('/').slice(1).map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (segments.length === 0) {
    if (error.keyword === 'additionalProperties') return unknownField('', String(params.additionalProperty), locale);
    return dataError('data.type', '', undefined, locale);
  }
  const field = plan.byKey.get(segments[0]!)!;
  if (field.rows && segments.length >= 2) {
    const rowPath = `${field.key}[${segments[1]}]`;
    if (segments.length === 2) {
      if (error.keyword === 'additionalProperties') return unknownField(rowPath, String(params.additionalProperty), locale);
      return dataError('subform.row', rowPath, field.label, locale);
    }
    const rowField = field.rows.byKey.get(segments[2]!)!;
    return fieldError(rowField, `${rowPath}.${rowField.key}`, error, segments.length - 3, locale);
  }
  return fieldError(field, field.key, error, segments.length - 1, locale);
}
