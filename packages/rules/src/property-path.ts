import { RuleError } from './rule-error';

/** Names that lead out of the data into JavaScript's object machinery. */
const forbiddenSegments = new Set(['__proto__', 'constructor', 'prototype']);

const hasOwn = Object.prototype.hasOwnProperty;

export function isForbiddenSegment(segment: string): boolean {
  return forbiddenSegments.has(segment);
}

export function forbiddenPathError(path: string, variable: string): RuleError {
  return new RuleError('var.forbidden', path, {
    'zh-CN': `变量路径 "${variable}" 不允许访问对象原型`,
    en: `variable path "${variable}" may not reach object prototypes`,
  });
}

/** Splits a json-logic variable name into segments; throws when one would reach a prototype. */
export function splitVariablePath(variable: string, path: string): string[] {
  const segments = variable.split('.');
  for (const segment of segments) if (forbiddenSegments.has(segment)) throw forbiddenPathError(path, variable);
  return segments;
}

/** An own property of `holder`, or undefined: inherited members (toString, __proto__) are never data. */
export function readOwn(holder: unknown, key: string): unknown {
  if (holder === null || holder === undefined) return undefined;
  return hasOwn.call(holder, key) ? (holder as Record<string, unknown>)[key] : undefined;
}

/** Follows `segments` through `data`; undefined as soon as a step is missing. */
export function readSegments(data: unknown, segments: readonly string[]): unknown {
  let value = data;
  for (let index = 0; index < segments.length; index++) {
    if (value === null || value === undefined) return undefined;
    const key = segments[index]!;
    if (!hasOwn.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** Reads a dotted path (`applicant.address.city`) from plain data, without prototype access. */
export function readPath(data: unknown, dottedPath: string): unknown {
  if (dottedPath === '') return data;
  return readSegments(data, splitVariablePath(dottedPath, ''));
}

/**
 * Follows literal `segments` with plain property reads, as compiled `var` does: the forbidden
 * names were refused when the path was compiled, and an inherited member is always a function
 * (toString, valueOf, …), which data never holds, so a function reads as absent.
 */
export function readDataPath(data: unknown, segments: readonly string[]): unknown {
  let value = data;
  for (let index = 0; index < segments.length; index++) {
    if (value === null || value === undefined) return undefined;
    value = (value as Record<string, unknown>)[segments[index]!];
    if (typeof value === 'function') return undefined;
  }
  return value;
}
