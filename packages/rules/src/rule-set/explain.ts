import { isForbiddenSegment, readPath } from '../property-path';
import { argumentsOf, isLogic, operatorOf, type Rule } from '../rule';

/** Operations whose second argument reads array items, not the facts. */
const scopedOperations = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none', 'count']);

/** The top-level conditions of a `when`: the parts of an `and` or an `or`, or the whole rule. */
export function conditionsOf(when: Rule, path: string): { junction: 'and' | 'or' | null; parts: { rule: Rule; path: string }[] } {
  if (isLogic(when)) {
    const operator = operatorOf(when);
    if ((operator === 'and' || operator === 'or') && Array.isArray(when[operator]) && (when[operator] as unknown[]).length > 0) {
      const parts = (when[operator] as unknown[]).map((rule, index) => ({ rule, path: `${path}.${operator}[${index}]` }));
      return { junction: operator, parts };
    }
  }
  return { junction: null, parts: [{ rule: when, path }] };
}

/** The variable paths a condition reads from the facts (literal `var` names only). */
export function variablesOf(rule: Rule, found: Set<string> = new Set(), depth = 0): Set<string> {
  if (depth > 64) return found;
  if (Array.isArray(rule)) {
    for (const item of rule) variablesOf(item, found, depth + 1);
    return found;
  }
  if (!isLogic(rule)) return found;
  const operator = operatorOf(rule);
  const args = argumentsOf(rule, operator);
  if (operator === 'var') {
    const name = args[0];
    if ((typeof name === 'string' || typeof name === 'number') && name !== '' && !String(name).split('.').some(isForbiddenSegment)) found.add(String(name));
    return found;
  }
  args.forEach((arg, index) => {
    if (!(scopedOperations.has(operator) && index === 1)) variablesOf(arg, found, depth + 1);
  });
  return found;
}

export function valuesSeen(variables: readonly string[], facts: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const variable of variables) {
    const value = readPath(facts, variable);
    values[variable] = value === undefined ? null : value;
  }
  return values;
}
