import type { Rule } from '@tessera/rules';

/** The paths a rule reads with `var`, or `undefined` when a path is computed at run time. */
export function ruleVariables(rule: Rule): Set<string> | undefined {
  const paths = new Set<string>();
  let computed = false;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    for (const [operator, argument] of Object.entries(node)) {
      if (operator === 'var') {
        const path = Array.isArray(argument) ? argument[0] : argument;
        if (typeof path === 'string') paths.add(path);
        else computed = true;
      }
      visit(argument);
    }
  };
  visit(rule);
  return computed ? undefined : paths;
}
