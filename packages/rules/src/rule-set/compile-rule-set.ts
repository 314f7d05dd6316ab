import type { RuleContext } from '../context';
import { defaultLimits } from '../limits';
import type { Evaluator, Runtime } from '../operations/operation';
import { DefinitionError, type Problem } from '../problems';
import { readPath } from '../property-path';
import { asRuleError, RuleError } from '../rule-error';
import { truthy } from '../truthy';
import { compileAction, compileValue, type CompiledAction } from './actions';
import type { CompiledRuleSet, ConditionTrace, RuleAction, RuleDefinition, RuleSetDefinition, RuleSetResult, RuleTrace } from './definition';
import { conditionsOf, valuesSeen, variablesOf } from './explain';
import { validFieldPath, withField } from './field-path';

interface CompiledCondition {
  path: string;
  rule: unknown;
  evaluate: Evaluator;
  variables: string[];
}

interface CompiledRuleEntry {
  definition: RuleDefinition;
  index: number;
  priority: number;
  junction: 'and' | 'or' | null;
  conditions: CompiledCondition[];
  actions: CompiledAction[];
}

function problem(code: string, path: string, zh: string, en: string): Problem {
  return { code, path, message: { 'zh-CN': zh, en }, severity: 'error' };
}

/**
 * Compiles a rule set: every rule's conditions and actions are checked and compiled once.
 * Throws a DefinitionError listing all problems, each with its path (`rules[2].when.and[1]`).
 */
export function compileRuleSet(definition: RuleSetDefinition): CompiledRuleSet {
  const problems: Problem[] = [];
  if (typeof definition !== 'object' || definition === null || !Array.isArray(definition.rules)) {
    throw new DefinitionError([problem('ruleset.invalid', 'rules', '规则集需要 rules 列表', 'a rule set needs a list of rules')]);
  }
  if (definition.mode !== undefined && definition.mode !== 'all' && definition.mode !== 'first') {
    problems.push(problem('ruleset.invalid_mode', 'mode', `未知的模式 "${String(definition.mode)}"`, `unknown mode "${String(definition.mode)}" (use all or first)`));
  }
  const tagsField = definition.tagsField ?? 'tags';
  if (!validFieldPath(tagsField)) problems.push(problem('ruleset.invalid_tags_field', 'tagsField', '标签字段路径无效', 'the tags field path is invalid'));

  const seen = new Set<string>();
  const entries: CompiledRuleEntry[] = [];
  definition.rules.forEach((rule, index) => {
    const path = `rules[${index}]`;
    if (typeof rule !== 'object' || rule === null) {
      problems.push(problem('ruleset.invalid_rule', path, '规则必须是对象', 'a rule must be an object'));
      return;
    }
    if (typeof rule.id !== 'string' || rule.id === '') problems.push(problem('ruleset.missing_id', `${path}.id`, '规则缺少 id', 'the rule has no id'));
    else if (seen.has(rule.id)) problems.push(problem('ruleset.duplicate_id', `${path}.id`, `规则 id "${rule.id}" 重复`, `the rule id "${rule.id}" is used twice`));
    else seen.add(rule.id);
    if (rule.priority !== undefined && !Number.isFinite(rule.priority)) {
      problems.push(problem('ruleset.invalid_priority', `${path}.priority`, '优先级必须是数值', 'the priority must be a number'));
    }
    if (rule.when === undefined) problems.push(problem('ruleset.missing_condition', `${path}.when`, '规则缺少条件 when', 'the rule has no condition (`when`)'));
    if (!Array.isArray(rule.actions)) {
      problems.push(problem('ruleset.missing_actions', `${path}.actions`, '规则需要动作列表', 'the rule needs a list of actions'));
    }
    const { junction, parts } = conditionsOf(rule.when ?? false, `${path}.when`);
    const conditions = parts.map((part) => ({
      path: part.path,
      rule: part.rule,
      evaluate: compileValue(part.rule, part.path, problems),
      variables: [...variablesOf(part.rule)],
    }));
    const actions = (Array.isArray(rule.actions) ? rule.actions : []).flatMap((action, actionIndex) => compileAction(action, `${path}.actions[${actionIndex}]`, problems) ?? []);
    entries.push({ definition: rule, index, priority: rule.priority ?? 0, junction, conditions, actions });
  });
  if (problems.length > 0) throw new DefinitionError(problems);

  // Stable: equal priorities keep the order in which they are listed.
  const ordered = [...entries].sort((left, right) => right.priority - left.priority || left.index - right.index);
  return {
    definition,
    run: (facts, context) => run(definition, ordered, tagsField, facts, context),
  };
}

function evaluateConditions(entry: CompiledRuleEntry, facts: unknown, runtime: Runtime): { matched: boolean; traces: ConditionTrace[] } {
  const traces: ConditionTrace[] = [];
  let decided: boolean | null = null;
  for (const condition of entry.conditions) {
    const values = valuesSeen(condition.variables, facts);
    if (decided !== null) {
      traces.push({ path: condition.path, rule: condition.rule, held: null, values });
      continue;
    }
    let held: boolean;
    try {
      held = truthy(condition.evaluate(facts, runtime));
    } catch (error) {
      throw prefixed(asRuleError(error, ''), condition.path);
    }
    traces.push({ path: condition.path, rule: condition.rule, held, values });
    if (entry.junction === 'and' && !held) decided = false;
    if (entry.junction === 'or' && held) decided = true;
  }
  const matched = decided ?? (entry.junction === 'or' ? false : traces.every((trace) => trace.held));
  return { matched, traces };
}

function prefixed(error: RuleError, path: string): RuleError {
  return new RuleError(error.code, error.path ? `${path}.${error.path}` : path, error.messages);
}

function tagsOf(facts: unknown, tagsField: string): string[] {
  const tags = readPath(facts, tagsField);
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

function run(definition: RuleSetDefinition, entries: CompiledRuleEntry[], tagsField: string, facts: unknown, context: RuleContext): RuleSetResult {
  const runtime: Runtime = { context, limits: defaultLimits, steps: 0 };
  const actions: RuleAction[] = [];
  const trace: RuleTrace[] = [];
  let working = facts;
  let stopped = false;

  for (const entry of entries) {
    const rule = entry.definition;
    const base = { ruleId: rule.id, ...(rule.name === undefined ? {} : { name: rule.name }), priority: entry.priority };
    if (rule.enabled === false || stopped) {
      trace.push({ ...base, matched: false, skipped: rule.enabled === false ? 'disabled' : 'stopped', conditions: [], actions: 0 });
      continue;
    }
    const { matched, traces } = evaluateConditions(entry, working, runtime);
    let produced = 0;
    if (matched) {
      entry.actions.forEach((compiled, actionIndex) => {
        let action: RuleAction;
        try {
          action = compiled(working, runtime, rule.id);
        } catch (error) {
          throw prefixed(asRuleError(error, ''), `rules[${entry.index}].actions[${actionIndex}]`);
        }
        actions.push(action);
        produced++;
        working = applyToFacts(working, action, tagsField);
      });
      if (rule.stop || definition.mode === 'first') stopped = true;
    }
    trace.push({ ...base, matched, conditions: traces, actions: produced });
  }
  return { actions, trace, facts: working };
}

/** Later rules see what earlier ones set: fields and tags are written into a copy of the facts. */
function applyToFacts(facts: unknown, action: RuleAction, tagsField: string): unknown {
  if (action.type === 'set') return withField(facts, action.field, action.value);
  if (action.type === 'addTag') {
    const tags = tagsOf(facts, tagsField);
    return tags.includes(action.tag) ? facts : withField(facts, tagsField, [...tags, action.tag]);
  }
  if (action.type === 'removeTag') {
    const tags = tagsOf(facts, tagsField);
    return tags.includes(action.tag) ? withField(facts, tagsField, tags.filter((tag) => tag !== action.tag)) : facts;
  }
  return facts;
}

const compiledDefinitions = new WeakMap<RuleSetDefinition, CompiledRuleSet>();

/** Runs a rule set on facts: the actions to perform, an explain trace, and the updated facts. */
export function runRuleSet(ruleSet: CompiledRuleSet | RuleSetDefinition, facts: unknown, context: RuleContext): RuleSetResult {
  let compiled: CompiledRuleSet;
  if (typeof (ruleSet as CompiledRuleSet).run === 'function') compiled = ruleSet as CompiledRuleSet;
  else {
    const definition = ruleSet as RuleSetDefinition;
    compiled = compiledDefinitions.get(definition) ?? compileRuleSet(definition);
    compiledDefinitions.set(definition, compiled);
  }
  return compiled.run(facts, context ?? {});
}
