import type { RuleContext } from '../context';
import { resolveLimits, type RuleLimits } from '../limits';
import type { Runtime } from '../operations/operation';
import type { Rule } from '../rule';
import { asRuleError, RuleError } from '../rule-error';
import { CompileCache } from './compile-cache';
import { compileRule } from './compile-node';
import { isStandalone } from './evaluator-registry';

export type CompiledRule = (data?: unknown, context?: RuleContext) => unknown;

export interface CompileOptions {
  limits?: Partial<RuleLimits>;
}

/** Rules whose JSON text is longer than this are compiled for each `evaluate` rather than cached. */
const maxCachedRuleLength = 64 * 1024;
const cache = new CompileCache<CompiledRule>(1000);
let byIdentity = new WeakMap<object, CompiledRule>();

/**
 * Compiles a rule once into a reusable function of (data, context) built from closures.
 * Throws a RuleError for an unknown operator, a wrong argument count or a rule past the limits.
 */
export function compile(rule: Rule, options?: CompileOptions): CompiledRule {
  const limits = resolveLimits(options?.limits);
  let compiled;
  try {
    compiled = compileRule(rule, limits);
  } catch (error) {
    throw asRuleError(error, '');
  }
  const root = compiled.evaluate;
  // A root that ignores the runtime and raises only RuleErrors (see markStandalone) is the rule itself.
  if (!compiled.needsRuntime && isStandalone(root)) return root as CompiledRule;
  if (!compiled.needsRuntime) {
    // Nothing reads the context or counts iterations: one runtime serves every evaluation. Bounded
    // iterations (see compileRule) still add their steps, against a budget they cannot reach.
    const shared: Runtime = compiled.iterates
      ? { context: undefined, limits: Object.freeze({ ...limits, maxIterations: Infinity }), steps: 0 }
      : (Object.freeze({ context: undefined, limits, steps: 0 }) as Runtime);
    return (data?: unknown) => {
      try {
        return root(data, shared);
      } catch (error) {
        throw asRuleError(error, '');
      }
    };
  }
  // One runtime per compiled rule, reused by successive evaluations; an evaluation started while
  // another is running (a `log` callback evaluating the same rule) gets a fresh one.
  const reusable: { context: RuleContext | undefined; limits: Readonly<RuleLimits>; steps: number } = { context: undefined, limits, steps: 0 };
  let running = false;
  return (data?: unknown, context?: RuleContext) => {
    if (running) {
      try {
        return root(data, { context, limits, steps: 0 });
      } catch (error) {
        throw asRuleError(error, '');
      }
    }
    running = true;
    reusable.context = context;
    reusable.steps = 0;
    try {
      return root(data, reusable);
    } catch (error) {
      throw asRuleError(error, '');
    } finally {
      running = false;
      reusable.context = undefined;
    }
  };
}

/**
 * Evaluates a rule against data. Compiled rules are cached twice: by the rule object itself (so
 * evaluating the same definition again costs one lookup; definitions are treated as immutable,
 * as everywhere in Tessera), and by the rule's JSON text in a bounded LRU, so equal rules built
 * afresh share one compiled closure.
 */
export function evaluate(rule: Rule, data?: unknown, context?: RuleContext): unknown {
  if (rule === null || typeof rule !== 'object') return rule;
  let compiled = byIdentity.get(rule);
  if (!compiled) {
    const key = ruleKey(rule);
    compiled = key === undefined ? undefined : cache.get(key);
    if (!compiled) {
      compiled = compile(rule);
      if (key !== undefined) cache.set(key, compiled);
    }
    byIdentity.set(rule, compiled);
  }
  return compiled(data, context);
}

/** JSON text, except that -0, NaN and the infinities stay distinct from 0 and null. */
function keyReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0))) return { '\u0000number': String(Object.is(value, -0) ? '-0' : value) };
  return value;
}

function ruleKey(rule: object): string | undefined {
  let text: string;
  try {
    text = JSON.stringify(rule, keyReplacer);
  } catch (error) {
    throw new RuleError(error instanceof RangeError ? 'rule.too_deep' : 'rule.not_json', '', {
      'zh-CN': error instanceof RangeError ? '规则嵌套过深' : '规则不是有效的 JSON（可能存在循环引用）',
      en: error instanceof RangeError ? 'the rule is nested too deeply' : 'the rule is not valid JSON (it may refer to itself)',
    });
  }
  return text.length <= maxCachedRuleLength ? text : undefined;
}

/** Empties the cache of compiled rules (e.g. after a template is reloaded). */
export function clearCompileCache(): void {
  cache.clear();
  byIdentity = new WeakMap();
}

export function compileCacheSize(): number {
  return cache.size;
}
