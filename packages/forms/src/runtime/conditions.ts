import { truthy, type RuleContext } from '@tessera/rules';
import type { Condition } from '../compile/field-plan';

export function holds(condition: Condition, scope: unknown, context: RuleContext): boolean {
  if (condition === true) return true;
  if (condition === false) return false;
  return truthy(condition(scope, context));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
