import { DefinitionError, type Problem } from '@tessera/rules';
import type { ParameterDefinition } from '../definition/types';
import { toInstant, toLocalIso } from '../time/zoned-time';

/** Thrown when the values given for a dataset's parameters are missing or of the wrong type. */
export class ParameterError extends DefinitionError {}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function problem(name: string, code: string, zh: string, en: string): Problem {
  return { code, path: `params.${name}`, message: { 'zh-CN': zh, en } };
}

function coerce(name: string, definition: ParameterDefinition, value: unknown, timeZone: string): [unknown, Problem?] {
  switch (definition.type) {
    case 'string':
      return typeof value === 'string'
        ? [value]
        : [null, problem(name, 'param.notText', `参数 ${name} 必须是文本`, `the parameter ${name} must be text`)];
    case 'number': {
      const number =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(number)
        ? [number]
        : [
            null,
            problem(name, 'param.notANumber', `参数 ${name} 必须是数字`, `the parameter ${name} must be a number`),
          ];
    }
    case 'boolean':
      return typeof value === 'boolean'
        ? [value]
        : [
            null,
            problem(
              name,
              'param.notABoolean',
              `参数 ${name} 必须是布尔值`,
              `the parameter ${name} must be true or false`,
            ),
          ];
    case 'date':
      return typeof value === 'string' && datePattern.test(value) && toInstant(`${value}T00:00:00Z`)
        ? [value]
        : [
            null,
            problem(
              name,
              'param.notADate',
              `参数 ${name} 必须是 YYYY-MM-DD 格式的日期`,
              `the parameter ${name} must be a date (YYYY-MM-DD)`,
            ),
          ];
    case 'datetime': {
      const instant = typeof value === 'string' || value instanceof Date ? toInstant(value) : null;
      // Normalised to the dataset's zone so the in-memory rule compares it as text in time order.
      return instant
        ? [toLocalIso(instant, timeZone)]
        : [
            null,
            problem(
              name,
              'param.notADatetime',
              `参数 ${name} 必须是日期时间`,
              `the parameter ${name} must be a date-time`,
            ),
          ];
    }
    case 'stringList':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? [value]
        : [
            null,
            problem(
              name,
              'param.notAList',
              `参数 ${name} 必须是文本列表`,
              `the parameter ${name} must be a list of text`,
            ),
          ];
  }
}

/** Checks the given values against the declared parameters, applying defaults; empty values become null. */
export function resolveParameters(
  definitions: Record<string, ParameterDefinition>,
  given: Record<string, unknown> = {},
  timeZone: string,
): Record<string, unknown> {
  const problems: Problem[] = [];
  const resolved: Record<string, unknown> = {};
  for (const name of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(definitions, name)) {
      problems.push(problem(name, 'param.unknown', `数据集没有参数 ${name}`, `the dataset has no parameter ${name}`));
    }
  }
  for (const [name, definition] of Object.entries(definitions)) {
    const raw = Object.prototype.hasOwnProperty.call(given, name) ? given[name] : definition.default;
    if (raw === undefined || raw === null || raw === '') {
      if (definition.required)
        problems.push(problem(name, 'param.required', `参数 ${name} 必填`, `the parameter ${name} is required`));
      resolved[name] = null;
      continue;
    }
    const [value, error] = coerce(name, definition, raw, timeZone);
    if (error) problems.push(error);
    resolved[name] = value;
  }
  if (problems.length > 0) throw new ParameterError(problems);
  return resolved;
}
