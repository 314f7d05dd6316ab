/** A JSON-logic value: a literal, an array of rules, or `{ "operator": arguments }`. */
export type Rule = unknown;

/** True for `{ "op": … }`: a plain object with exactly one key (json-logic's own test). */
export function isLogic(rule: unknown): rule is Record<string, unknown> {
  return typeof rule === 'object' && rule !== null && !Array.isArray(rule) && Object.keys(rule).length === 1;
}

export function operatorOf(rule: Record<string, unknown>): string {
  return Object.keys(rule)[0]!;
}

/** The arguments of an operation; a single non-array argument is shorthand for a one-item list. */
export function argumentsOf(rule: Record<string, unknown>, operator: string): readonly unknown[] {
  const values = rule[operator];
  return Array.isArray(values) ? values : [values];
}
