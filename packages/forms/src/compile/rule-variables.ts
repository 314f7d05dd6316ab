import type { Rule } from '@tessera/rules';

/** Operations whose later arguments run against each item of the first, not against the form. */
const ITERATING = new Set(['map', 'filter', 'reduce', 'all', 'some', 'none']);

function isOperation(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/**
 * The data paths a rule reads (`var`, `missing`, `missing_some`), as written. Paths read inside
 * `map`/`filter`/`reduce`/`all`/`some`/`none` refer to the items and are left out; a `var`
 * whose name is itself computed is reported as `*`.
 */
export function ruleVariables(rule: Rule): Set<string> {
  const found = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isOperation(node)) return;
    const operator = Object.keys(node)[0]!;
    const raw = node[operator];
    const args = Array.isArray(raw) ? raw : [raw];
    if (operator === 'var') {
      const name = args[0];
      if (typeof name === 'string' || typeof name === 'number') found.add(String(name));
      else if (name !== undefined && name !== null) found.add('*');
      for (const rest of args.slice(1)) visit(rest);
      return;
    }
    if (operator === 'missing') {
      for (const name of Array.isArray(args[0]) ? args[0] : args) {
        if (typeof name === 'string') found.add(name);
        else visit(name);
      }
      return;
    }
    if (operator === 'missing_some') {
      const names = args[1];
      if (Array.isArray(names)) for (const name of names) if (typeof name === 'string') found.add(name);
      return;
    }
    if (ITERATING.has(operator)) {
      visit(args[0]);
      if (operator === 'reduce') visit(args[2]);
      return;
    }
    for (const arg of args) visit(arg);
  };
  visit(rule);
  return found;
}

/** The first segment of a dotted path: the field a variable belongs to. */
export function rootOf(path: string): string {
  const dot = path.indexOf('.');
  return dot < 0 ? path : path.slice(0, dot);
}
