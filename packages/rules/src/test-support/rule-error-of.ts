import { RuleError } from '../rule-error';

/** The RuleError `run` throws; fails the test when it throws nothing or something else. */
export function ruleErrorOf(run: () => unknown): RuleError {
  try {
    run();
  } catch (error) {
    if (error instanceof RuleError) return error;
    throw error;
  }
  throw new Error('expected a RuleError, but nothing was thrown');
}
