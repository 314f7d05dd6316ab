import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import { Injectable, Logger } from '@nestjs/common';
import {
  compileRuleSet,
  runRuleSet,
  type CompiledRuleSet,
  type RuleAction,
  type RuleSetDefinition,
} from '@tessera/rules';
import type { EntityManager } from 'typeorm';
import { NotificationsService } from '../notifications/notifications.service';
import { ProcessRuntimeService } from '../processes/process-runtime.service';
import { StandaloneTasks } from './standalone-tasks';

/** The bank's working time zone: a task due on a date is due by the end of that day there. */
const DUE_OFFSET = '+08:00';

function endOfDay(date: string): Date {
  return new Date(`${date.slice(0, 10)}T23:59:59.999${DUE_OFFSET}`);
}

export type RecordEvent = 'record.created' | 'record.updated' | 'record.deleted';

/** What made a rule set run on a record: a write, or a tick of its schedule. */
export type RuleTrigger = RecordEvent | 'schedule';

/** Who performs a rule's actions: the writer of the record, or the system for a schedule. */
export interface RuleActor {
  id: string;
  username: string;
}

export interface StoredRuleSet extends RuleSetDefinition {
  form?: string;
  triggers?: { on: string; fields?: string[]; cron?: string; timeZone?: string }[];
}

/** A rule set bound to a form's record events, as stored. */
export interface BoundRuleSet {
  key: string;
  hash: string;
  definition: StoredRuleSet;
}

export interface RuleSetRef {
  key: string;
  hash: string;
}

/**
 * A scalar subquery listing (as JSON, by key) the rule sets bound to the form whose key is the
 * parameter `formKeyParameter`, for a caller to read along with something it queries anyway; hand
 * the list to `RecordRulesService.boundRuleSets`.
 */
export function boundRuleSetsSql(formKeyParameter: string): string {
  return `(SELECT coalesce(json_agg(json_build_object('key', a.key, 'hash', a.hash) ORDER BY a.key), '[]')
    FROM app_artifact AS a WHERE a.kind = 'ruleSet' AND a.definition->>'form' = ${formKeyParameter})`;
}

export interface RecordSubject {
  id: string;
  appKey: string;
  formKey: string;
  data: Record<string, unknown>;
  tags: string[];
  /** The form's top-level field keys: tags live in a form field when the form has one by that name. */
  fieldKeys: string[];
}

export interface RuleOutcome {
  data: Record<string, unknown>;
  tags: string[];
  /** Whether an action changed the record's data or tags. */
  changed: boolean;
}

/**
 * Runs the rule sets an app binds to a form's record events, inside the transaction of the write
 * that triggered them, and performs their actions there: set a field, tag, start a process, create
 * a standalone task, notify. Scheduled rule sets run through `evaluate` too (see RuleSchedules).
 */
@Injectable()
export class RecordRulesService {
  private readonly logger = new Logger('RecordRules');
  private readonly compiled = new Map<string, CompiledRuleSet>();
  private readonly definitions = new Map<string, BoundRuleSet>();

  constructor(
    private readonly runtime: ProcessRuntimeService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly standaloneTasks: StandaloneTasks,
  ) {}

  /**
   * Runs the rule sets bound to the record's form whose triggers match the event. `bound` is what
   * `boundRuleSets` answered for the form when the caller read it ahead (see `boundRuleSetsSql`);
   * without it they are read here, in the caller's transaction.
   */
  async afterWrite(
    manager: EntityManager,
    event: RecordEvent,
    record: RecordSubject,
    changedFields: string[],
    actor: { id: string; username: string },
    bound?: BoundRuleSet[],
  ): Promise<RuleOutcome> {
    const rows =
      bound ??
      ((await manager.query(
        `SELECT key, hash, definition FROM app_artifact WHERE kind = 'ruleSet' AND definition->>'form' = $1 ORDER BY key`,
        [record.formKey],
      )) as BoundRuleSet[]);
    let data = record.data;
    let tags = record.tags;
    let changed = false;
    for (const row of rows) {
      const triggered = (row.definition.triggers ?? []).some(
        (trigger) =>
          trigger.on === event &&
          (!trigger.fields?.length ||
            event !== 'record.updated' ||
            trigger.fields.some((field) => changedFields.includes(field))),
      );
      if (!triggered) continue;
      const outcome = await this.evaluate(manager, row, { ...record, data, tags }, event, actor, this.clock.now());
      if (outcome.changed) changed = true;
      data = outcome.data;
      tags = outcome.tags;
    }
    return { data, tags, changed };
  }

  /**
   * Runs one rule set on one record: keeps the evaluation and its explain trace, then performs the
   * actions in the caller's transaction. Returns the record's data and tags after `set` and tag actions.
   */
  async evaluate(
    manager: EntityManager,
    row: { key: string; hash: string; definition: StoredRuleSet },
    record: RecordSubject,
    trigger: RuleTrigger,
    actor: RuleActor,
    now: Date,
    facts: Record<string, unknown> = {},
    tick?: Date,
  ): Promise<RuleOutcome> {
    let data = record.data;
    let tags = record.tags;
    let changed = false;
    const ruleSet = this.compile(row.key, row.hash, row.definition);
    const tagsField = row.definition.tagsField ?? 'tags';
    const tagsInData = record.fieldKeys.includes(tagsField);
    const subject = { ...facts, ...data };
    const result = runRuleSet(ruleSet, tagsInData ? subject : { ...subject, [tagsField]: tags }, { now });
    await manager.query(
      `INSERT INTO rule_evaluation (id, app_key, rule_set, trigger, record_id, trace, actions, at, tick)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        randomUUID(),
        record.appKey,
        row.key,
        trigger,
        record.id,
        JSON.stringify(result.trace),
        JSON.stringify(result.actions),
        now,
        tick ?? null,
      ],
    );
    for (const action of result.actions) {
      const applied = await this.perform(
        manager,
        action,
        record,
        data,
        tags,
        actor,
        trigger,
        tagsInData ? tagsField : undefined,
        row.key,
      );
      if (applied.data !== data || applied.tags !== tags) changed = true;
      data = applied.data;
      tags = applied.tags;
    }
    return { data, tags, changed };
  }

  /**
   * The rule sets named by `refs` (what `boundRuleSetsSql` lists), in that order. A stored rule set
   * is known by its key and content hash, so each definition is read once per process; only the
   * ones not seen yet are read, in one query.
   */
  async boundRuleSets(manager: EntityManager, refs: RuleSetRef[]): Promise<BoundRuleSet[]> {
    const missing = refs.filter((ref) => !this.definitions.has(`${ref.key}@${ref.hash}`));
    if (missing.length) {
      const rows = (await manager.query(
        `SELECT key, hash, definition FROM app_artifact
         WHERE kind = 'ruleSet' AND (key, hash) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
        [missing.map((ref) => ref.key), missing.map((ref) => ref.hash)],
      )) as BoundRuleSet[];
      for (const row of rows) this.definitions.set(`${row.key}@${row.hash}`, row);
    }
    return refs.flatMap((ref) => {
      const row = this.definitions.get(`${ref.key}@${ref.hash}`);
      // Replaced since the caller listed it (an app update): what runs is what the form has now.
      return row ? [row] : [];
    });
  }

  private compile(key: string, hash: string, definition: RuleSetDefinition): CompiledRuleSet {
    const cacheKey = `${key}@${hash}`;
    let compiled = this.compiled.get(cacheKey);
    if (!compiled) {
      compiled = compileRuleSet(definition);
      this.compiled.set(cacheKey, compiled);
    }
    return compiled;
  }

  private async perform(
    manager: EntityManager,
    action: RuleAction,
    record: RecordSubject,
    data: Record<string, unknown>,
    tags: string[],
    actor: RuleActor,
    event: RuleTrigger,
    tagsField: string | undefined,
    ruleSet: string,
  ): Promise<{ data: Record<string, unknown>; tags: string[] }> {
    const current = tagsField ? (Array.isArray(data[tagsField]) ? (data[tagsField] as string[]) : []) : tags;
    const withTags = (next: string[]) =>
      next === current
        ? { data, tags }
        : tagsField
          ? { data: { ...data, [tagsField]: next }, tags }
          : { data, tags: next };
    switch (action.type) {
      case 'set':
        return event === 'record.deleted' ? { data, tags } : { data: { ...data, [action.field]: action.value }, tags };
      case 'addTag':
        return withTags(current.includes(action.tag) ? current : [...current, action.tag]);
      case 'removeTag':
        return withTags(current.includes(action.tag) ? current.filter((tag) => tag !== action.tag) : current);
      case 'startProcess':
        await this.runtime.start(
          action.process,
          {
            variables: { ...action.variables, recordId: record.id },
            businessKey: action.businessKey == null ? record.id : String(action.businessKey),
          },
          actor,
          manager,
        );
        return { data, tags };
      case 'notify': {
        const users = (await manager.query(`SELECT id FROM app_user WHERE username = ANY($1::text[])`, [
          action.to,
        ])) as { id: string }[];
        const message =
          typeof action.message === 'string' ? { 'zh-CN': action.message, en: action.message } : action.message;
        const title = message ?? { 'zh-CN': action.template ?? '通知', en: action.template ?? 'Notification' };
        if (action.channel === 'inbox' && users.length) {
          await this.notifications.deliver(manager, {
            userIds: users.map((user) => user.id),
            title,
            link: `/records/${record.formKey}/${record.id}`,
          });
        } else if (action.channel !== 'inbox') {
          for (const recipient of action.to) {
            await manager.query(
              `INSERT INTO outbox_message (id, channel, recipient, template, payload) VALUES ($1, $2, $3, $4, $5)`,
              [
                randomUUID(),
                action.channel,
                recipient,
                action.template,
                JSON.stringify({ message, data: action.data, recordId: record.id }),
              ],
            );
          }
        }
        return { data, tags };
      }
      case 'createTask': {
        if (event === 'record.deleted') return { data, tags };
        const title = typeof action.title === 'string' ? { 'zh-CN': action.title, en: action.title } : action.title;
        const assignee = typeof action.assignee === 'string' && action.assignee ? action.assignee : null;
        await this.standaloneTasks.create(
          manager,
          {
            appKey: record.appKey,
            ruleSet,
            ruleId: action.ruleId,
            title,
            assignee,
            candidateRoles: action.candidateGroups,
            dueAt: action.dueDate ? endOfDay(action.dueDate) : null,
            record: { id: record.id, formKey: record.formKey },
            data: action.data,
          },
          actor.id,
        );
        if (assignee) {
          await this.notifications.deliver(manager, {
            userIds: await this.userIds(manager, [assignee]),
            title,
            link: `/records/${record.formKey}/${record.id}`,
          });
        }
        return { data, tags };
      }
      default:
        this.logger.warn(`Rule action ${(action as RuleAction).type} of rule ${(action as RuleAction).ruleId} is not known`);
        return { data, tags };
    }
  }

  private async userIds(manager: EntityManager, usernames: string[]): Promise<string[]> {
    const users = (await manager.query(`SELECT id FROM app_user WHERE username = ANY($1::text[])`, [usernames])) as {
      id: string;
    }[];
    return users.map((user) => user.id);
  }
}
