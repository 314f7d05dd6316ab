import type { RuleContext } from '../context';
import type { LocalizedText } from '../problems';
import type { Rule } from '../rule';

/** What a rule does when it fires. Values written as rules are evaluated against the facts. */
export type ActionDefinition =
  | { type: 'set'; field: string; value: Rule }
  | { type: 'addTag'; tag: Rule }
  | { type: 'removeTag'; tag: Rule }
  | { type: 'startProcess'; process: string; businessKey?: Rule; variables?: Record<string, Rule> }
  | {
      type: 'createTask';
      title: LocalizedText | string;
      assignee?: Rule;
      candidateGroups?: string[];
      dueInDays?: number;
      data?: Record<string, Rule>;
    }
  | { type: 'notify'; to: Rule; channel?: 'inbox' | 'sms' | 'email'; template?: string; message?: LocalizedText | string; data?: Record<string, Rule> };

export interface RuleDefinition {
  id: string;
  name?: LocalizedText | string;
  /** Higher runs first; rules of equal priority run in the order listed. Default 0. */
  priority?: number;
  enabled?: boolean;
  when: Rule;
  actions: ActionDefinition[];
  /** Rules after this one are not evaluated once it fires. */
  stop?: boolean;
}

export interface RuleSetDefinition {
  id?: string;
  name?: LocalizedText | string;
  /** `all` (default): every matching rule fires, by priority; `first`: only the first that matches. */
  mode?: 'all' | 'first';
  /** Where the subject's tags live in the facts (default `tags`); addTag and removeTag update it. */
  tagsField?: string;
  rules: RuleDefinition[];
}

/** Actions come back as data, with the rule that asked for them, for the caller to perform. */
export type RuleAction = { ruleId: string } & (
  | { type: 'set'; field: string; value: unknown }
  | { type: 'addTag'; tag: string }
  | { type: 'removeTag'; tag: string }
  | { type: 'startProcess'; process: string; businessKey: unknown; variables: Record<string, unknown> }
  | {
      type: 'createTask';
      title: LocalizedText | string;
      assignee: unknown;
      candidateGroups: string[];
      dueDate: string | null;
      data: Record<string, unknown>;
    }
  | { type: 'notify'; to: string[]; channel: 'inbox' | 'sms' | 'email'; template: string | null; message: LocalizedText | string | null; data: Record<string, unknown> }
);

/** One condition of a rule (a part of a top-level `and`/`or`, or the whole `when`). */
export interface ConditionTrace {
  /** Where the condition sits, e.g. `rules[2].when.and[1]`. */
  path: string;
  rule: Rule;
  /** Whether it held; null when it was not evaluated because the outcome was already decided. */
  held: boolean | null;
  /** The variables it reads, with the values they had. */
  values: Record<string, unknown>;
}

export interface RuleTrace {
  ruleId: string;
  name?: LocalizedText | string;
  priority: number;
  matched: boolean;
  /** Why the rule was not evaluated. */
  skipped?: 'disabled' | 'stopped';
  conditions: ConditionTrace[];
  /** How many actions the rule produced. */
  actions: number;
}

export interface RuleSetResult {
  actions: RuleAction[];
  trace: RuleTrace[];
  /** The facts after `set`, `addTag` and `removeTag` (the caller's facts are left untouched). */
  facts: unknown;
}

export interface CompiledRuleSet {
  readonly definition: RuleSetDefinition;
  run(facts: unknown, context: RuleContext): RuleSetResult;
}
