import { check, type Rule, type VariableSchema } from '@tessera/rules';
import { inFile } from '../../problems/package-problem';
import type { ValidationContext } from '../validation-context';

/** Runs the rules engine's static check on one rule and files its problems under `path` of `file`. */
export function checkRule(context: ValidationContext, file: string, path: string, rule: Rule, variables: VariableSchema): void {
  if (rule === undefined || typeof rule === 'boolean') return;
  for (const problem of inFile(file, check(rule, variables), path)) context.report(problem);
}
