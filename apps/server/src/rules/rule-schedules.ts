import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../core/clock/clock';
import { FormsService, type LoadedForm } from '../forms/forms.service';
import type { Job } from '../jobs/job';
import { JobHandlers } from '../jobs/job-handlers';
import { JobsService } from '../jobs/jobs.service';
import { nextTick, parseCron } from '@tessera/rules';
import { RecordRulesService, type RuleActor, type StoredRuleSet } from './record-rules.service';

/** The job kind of one tick of a rule set's schedule. */
export const RULE_SCHEDULE_JOB = 'rules.schedule';

/** The time zone a cron trigger reads its hours in unless it names another. */
export const DEFAULT_SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

/** Scheduled rule sets act as the system, not as a person. */
export const SYSTEM_ACTOR: RuleActor = { id: 'system', username: 'system' };

interface ScheduleRow {
  rule_set: string;
  trigger_index: number;
  app_key: string;
  form_key: string;
  cron: string;
  time_zone: string;
  next_at: Date;
}

interface TickPayload {
  ruleSet: string;
  triggerIndex: number;
  cron: string;
  timeZone: string;
  tick: string;
}

export interface TickOutcome {
  ran: boolean;
  records: number;
  changed: number;
}

/**
 * Rule sets triggered by a schedule (`{ "on": "schedule", "cron": "0 8 * * *" }`). Each schedule is
 * a row with the next tick, and each tick a job: the worker claims it with FOR UPDATE SKIP LOCKED,
 * the rule set runs over every live record of its form at the tick's time, and the job schedules the
 * next tick in the same transaction. A `rule_schedule_run` row per tick makes a tick run once even if
 * two servers synchronised the schedule at the same moment.
 */
@Injectable()
export class RuleSchedules implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('RuleSchedules');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobsService,
    private readonly handlers: JobHandlers,
    private readonly clock: Clock,
    private readonly rules: RecordRulesService,
    private readonly forms: FormsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.handlers.register(RULE_SCHEDULE_JOB, (job, manager) => this.onTick(job, manager).then(() => undefined));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction((manager) => this.sync(manager));
  }

  /**
   * Brings the schedules in line with the installed rule sets: a new or changed cron gets its next
   * tick scheduled; a schedule whose trigger is gone is removed (its pending tick then does nothing).
   * Returns how many ticks it scheduled.
   */
  async sync(manager: EntityManager): Promise<number> {
    const ruleSets = (await manager.query(
      `SELECT app_key, key, definition FROM app_artifact WHERE kind = 'ruleSet' ORDER BY key`,
    )) as { app_key: string; key: string; definition: StoredRuleSet }[];
    const wanted: { ruleSet: string; index: number; appKey: string; form: string; cron: string; timeZone: string }[] =
      [];
    for (const { app_key, key, definition } of ruleSets) {
      (definition.triggers ?? []).forEach((trigger, index) => {
        if (trigger.on !== 'schedule' || typeof trigger.cron !== 'string' || !definition.form) return;
        wanted.push({
          ruleSet: key,
          index,
          appKey: app_key,
          form: definition.form,
          cron: trigger.cron,
          timeZone: trigger.timeZone ?? DEFAULT_SCHEDULE_TIME_ZONE,
        });
      });
    }
    let scheduled = 0;
    for (const schedule of wanted) {
      let next: Date;
      try {
        next = nextTick(parseCron(schedule.cron), this.clock.now(), schedule.timeZone);
      } catch (error) {
        this.logger.error(`Rule set ${schedule.ruleSet} has a schedule that cannot run: ${(error as Error).message}`);
        continue;
      }
      // Only the process that inserts or changes the row schedules the tick; a second process
      // synchronising at the same time waits on the row and then finds nothing to change.
      const changed = (await manager.query(
        `WITH upserted AS (
           INSERT INTO rule_schedule (rule_set, trigger_index, app_key, form_key, cron, time_zone, next_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (rule_set, trigger_index) DO UPDATE
             SET app_key = EXCLUDED.app_key, form_key = EXCLUDED.form_key, cron = EXCLUDED.cron,
                 time_zone = EXCLUDED.time_zone, next_at = EXCLUDED.next_at, updated_at = now()
             WHERE rule_schedule.cron <> EXCLUDED.cron OR rule_schedule.time_zone <> EXCLUDED.time_zone
                OR rule_schedule.form_key <> EXCLUDED.form_key
           RETURNING next_at)
         SELECT next_at FROM upserted`,
        [schedule.ruleSet, schedule.index, schedule.appKey, schedule.form, schedule.cron, schedule.timeZone, next],
      )) as { next_at: Date }[];
      if (!changed.length) continue;
      await this.scheduleTick(manager, {
        ruleSet: schedule.ruleSet,
        triggerIndex: schedule.index,
        cron: schedule.cron,
        timeZone: schedule.timeZone,
        tick: next.toISOString(),
      });
      scheduled += 1;
    }
    const current = (await manager.query(`SELECT rule_set, trigger_index FROM rule_schedule`)) as {
      rule_set: string;
      trigger_index: number;
    }[];
    for (const row of current) {
      if (!wanted.some((schedule) => schedule.ruleSet === row.rule_set && schedule.index === row.trigger_index)) {
        await manager.query(`DELETE FROM rule_schedule WHERE rule_set = $1 AND trigger_index = $2`, [
          row.rule_set,
          row.trigger_index,
        ]);
      }
    }
    return scheduled;
  }

  private async scheduleTick(manager: EntityManager, payload: TickPayload): Promise<void> {
    await this.jobs.schedule(manager, [
      { kind: RULE_SCHEDULE_JOB, payload: { ...payload }, dueAt: new Date(payload.tick), maxAttempts: 5 },
    ]);
  }

  /** Runs one tick in the worker's transaction and schedules the next one. */
  async onTick(job: Job, manager: EntityManager): Promise<TickOutcome> {
    const payload = job.payload as unknown as TickPayload;
    const tick = new Date(payload.tick);
    const [schedule] = (await manager.query(
      `SELECT * FROM rule_schedule WHERE rule_set = $1 AND trigger_index = $2 FOR UPDATE`,
      [payload.ruleSet, payload.triggerIndex],
    )) as ScheduleRow[];
    // The rule set was removed or its schedule changed since this tick was planned: a newer tick took over.
    if (!schedule || schedule.cron !== payload.cron || schedule.time_zone !== payload.timeZone) {
      return { ran: false, records: 0, changed: 0 };
    }
    const claimed = (await manager.query(
      `WITH inserted AS (
         INSERT INTO rule_schedule_run (rule_set, trigger_index, tick, cron, ran_by, records)
         VALUES ($1, $2, $3, $4, $5, 0) ON CONFLICT DO NOTHING RETURNING tick)
       SELECT tick FROM inserted`,
      [payload.ruleSet, payload.triggerIndex, tick, payload.cron, job.id],
    )) as { tick: Date }[];
    if (!claimed.length) return { ran: false, records: 0, changed: 0 };

    const outcome = await this.runOverRecords(manager, schedule, tick);
    await manager.query(
      `UPDATE rule_schedule_run SET records = $4, ran_at = now() WHERE rule_set = $1 AND trigger_index = $2 AND tick = $3`,
      [payload.ruleSet, payload.triggerIndex, tick, outcome.records],
    );
    await this.audit.append(manager, {
      actor: SYSTEM_ACTOR.id,
      action: 'ruleSet.schedule',
      entityType: 'ruleSet',
      entityId: payload.ruleSet,
      after: { tick: tick.toISOString(), cron: payload.cron, records: outcome.records, changed: outcome.changed },
    });
    const next = nextTick(parseCron(payload.cron), tick, payload.timeZone);
    await manager.query(`UPDATE rule_schedule SET next_at = $3 WHERE rule_set = $1 AND trigger_index = $2`, [
      payload.ruleSet,
      payload.triggerIndex,
      next,
    ]);
    await this.scheduleTick(manager, { ...payload, tick: next.toISOString() });
    return { ran: true, ...outcome };
  }

  private async runOverRecords(
    manager: EntityManager,
    schedule: ScheduleRow,
    tick: Date,
  ): Promise<{ records: number; changed: number }> {
    const [row] = (await manager.query(
      `SELECT key, hash, definition FROM app_artifact WHERE kind = 'ruleSet' AND key = $1 AND app_key = $2`,
      [schedule.rule_set, schedule.app_key],
    )) as { key: string; hash: string; definition: StoredRuleSet }[];
    if (!row) return { records: 0, changed: 0 };
    const records = (await manager.query(
      `SELECT id, app_key, form_key, form_version, data, tags FROM record
       WHERE form_key = $1 AND deleted_at IS NULL ORDER BY created_at, id`,
      [schedule.form_key],
    )) as {
      id: string;
      app_key: string;
      form_key: string;
      form_version: number;
      data: Record<string, unknown>;
      tags: string[];
    }[];
    const forms = new Map<number, LoadedForm>();
    let changed = 0;
    for (const record of records) {
      let form = forms.get(record.form_version);
      if (!form) {
        form = await this.forms.load(record.form_key, record.form_version, manager);
        forms.set(record.form_version, form);
      }
      const fieldKeys = form.definition.fields.map((field) => field.key);
      const outcome = await this.rules.evaluate(
        manager,
        row,
        { id: record.id, appKey: record.app_key, formKey: record.form_key, data: record.data, tags: record.tags, fieldKeys },
        'schedule',
        SYSTEM_ACTOR,
        tick,
        computedValues(form, record.data, tick),
        tick,
      );
      if (!outcome.changed) continue;
      changed += 1;
      await manager.query(
        `UPDATE record SET data = $2, tags = $3, version = version + 1, updated_at = $4 WHERE id = $1`,
        [record.id, JSON.stringify(outcome.data), outcome.tags, tick],
      );
      await this.audit.append(manager, {
        actor: SYSTEM_ACTOR.id,
        action: 'record.update',
        entityType: 'record',
        entityId: record.id,
        after: {
          ruleSet: row.key,
          tick: tick.toISOString(),
          fields: Object.keys(outcome.data).filter(
            (key) => JSON.stringify(outcome.data[key]) !== JSON.stringify(record.data[key]),
          ),
        },
      });
    }
    return { records: records.length, changed };
  }
}

/**
 * The values of a record's computed fields (a birth date derived from the resident ID), which the
 * stored data may not hold: rules read them like any field. Read with every role the form names, so
 * no permission hides a computed value from the rules.
 */
function computedValues(form: LoadedForm, data: Record<string, unknown>, now: Date): Record<string, unknown> {
  const computed = form.definition.fields.filter((field) => field.type === 'computed').map((field) => field.key);
  if (!computed.length) return {};
  const roles = new Set<string>(['admin']);
  const permissions = form.definition.permissions as { roles?: Record<string, unknown> } | undefined;
  for (const role of Object.keys(permissions?.roles ?? {})) roles.add(role);
  for (const field of form.definition.fields) {
    const fieldPermissions = (field as { permissions?: { roles?: Record<string, unknown> } }).permissions;
    for (const role of Object.keys(fieldPermissions?.roles ?? {})) roles.add(role);
  }
  try {
    const state = form.compiled.evaluate(data, { role: [...roles], now });
    return Object.fromEntries(computed.filter((key) => key in state.data).map((key) => [key, state.data[key]]));
  } catch {
    return {};
  }
}
