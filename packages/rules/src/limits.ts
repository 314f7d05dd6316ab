/**
 * Bounds that keep a hostile or careless rule from exhausting the machine. Rules come from
 * studio users and imported templates, so every one is enforced with a RuleError, never a hang.
 */
export interface RuleLimits {
  /** Deepest nesting of operations and array literals in a rule. */
  maxDepth: number;
  /** Most operations and literals in one rule. */
  maxNodes: number;
  /** Longest array an iterating operation (map, filter, reduce, sum, …) accepts or `merge` builds. */
  maxArrayLength: number;
  /** Most items visited by all iterating operations in one evaluation (nested maps multiply). */
  maxIterations: number;
  /** Longest string `cat` may build. */
  maxStringLength: number;
  /** Longest pattern `matches` accepts. */
  maxRegexLength: number;
  /** Longest text `matches` tests. */
  maxMatchInputLength: number;
}

export const defaultLimits: Readonly<RuleLimits> = Object.freeze({
  maxDepth: 64,
  maxNodes: 10_000,
  maxArrayLength: 100_000,
  maxIterations: 100_000,
  maxStringLength: 1_000_000,
  maxRegexLength: 200,
  maxMatchInputLength: 10_000,
});

export function resolveLimits(overrides?: Partial<RuleLimits>): Readonly<RuleLimits> {
  return overrides ? Object.freeze({ ...defaultLimits, ...overrides }) : defaultLimits;
}
