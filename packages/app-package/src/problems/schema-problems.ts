import type { ErrorObject } from 'ajv';
import type { LocalizedText } from '@tessera/rules';
import { packageProblem, type PackageProblem } from './package-problem';

/** `/roles/0/name/en` -> `roles[0].name.en`, the path style every Tessera problem uses. */
export function jsonPointerToPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

function describeSchemaError(error: ErrorObject): LocalizedText {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { 'zh-CN': `缺少必填属性 "${String(params.missingProperty)}"`, en: `missing required property "${String(params.missingProperty)}"` };
    case 'additionalProperties':
      return { 'zh-CN': `不认识的属性 "${String(params.additionalProperty)}"`, en: `unknown property "${String(params.additionalProperty)}"` };
    case 'type':
      return { 'zh-CN': `类型应为 ${String(params.type)}`, en: `must be of type ${String(params.type)}` };
    case 'enum':
      return {
        'zh-CN': `取值应为以下之一：${(params.allowedValues as unknown[]).join('、')}`,
        en: `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return { 'zh-CN': `取值应为 ${JSON.stringify(params.allowedValue)}`, en: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'pattern':
      return { 'zh-CN': `格式不符合 ${String(params.pattern)}`, en: `does not match the pattern ${String(params.pattern)}` };
    case 'minLength':
      return { 'zh-CN': `长度至少为 ${String(params.limit)}`, en: `must be at least ${String(params.limit)} characters long` };
    case 'maxLength':
      return { 'zh-CN': `长度至多为 ${String(params.limit)}`, en: `must be at most ${String(params.limit)} characters long` };
    case 'minItems':
      return { 'zh-CN': `至少需要 ${String(params.limit)} 项`, en: `must have at least ${String(params.limit)} items` };
    case 'maxItems':
      return { 'zh-CN': `至多 ${String(params.limit)} 项`, en: `must have at most ${String(params.limit)} items` };
    case 'uniqueItems':
      return { 'zh-CN': `第 ${String(params.j)} 项与第 ${String(params.i)} 项重复`, en: `items ${String(params.j)} and ${String(params.i)} are duplicates` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { 'zh-CN': `数值应 ${String(params.comparison)} ${String(params.limit)}`, en: `must be ${String(params.comparison)} ${String(params.limit)}` };
    default:
      return { 'zh-CN': `不符合模式要求（${error.keyword}）`, en: `does not satisfy the schema (${error.keyword}${error.message ? `: ${error.message}` : ''})` };
  }
}

// `if`/`then` failures repeat the underlying `required` error; the wrapper adds nothing for a reader.
const wrapperKeywords = new Set(['if', 'allOf', 'anyOf', 'oneOf']);

export function schemaProblems(file: string, code: string, errors: readonly ErrorObject[] | null | undefined): PackageProblem[] {
  return (errors ?? [])
    .filter((error) => !wrapperKeywords.has(error.keyword))
    .map((error) => packageProblem(file, code, describeSchemaError(error), { path: jsonPointerToPath(error.instancePath) }));
}
