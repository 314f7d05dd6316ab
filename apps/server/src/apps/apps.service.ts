import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppManifest,
  type AppPackage,
  type InstalledApp,
  type PackageProblem,
  type TemplateFiles,
  validateAppPackage,
} from '@tessera/app-package';
import type { FormDefinition } from '@tessera/forms';
import type { DecisionTableDefinition, LocalizedText, RuleSetDefinition } from '@tessera/rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { FormsService } from '../forms/forms.service';
import { ProcessDefinitionsService } from '../processes/process-definitions.service';
import { CronError, nextTick, parseCron } from '@tessera/rules';
import { DEFAULT_SCHEDULE_TIME_ZONE, RuleSchedules } from '../rules/rule-schedules';
import { loadAppSettings, settingViews } from './app-settings';

export interface ImportOutcome {
  key: string;
  version: string;
  unchanged: boolean;
  forms: string[];
  processes: string[];
  seededRecords: number;
  warnings: number;
  /**
   * Settings whose stored value this version does not use: it no longer declares them, or declares a
   * type the value does not fit. Their default applies (or nothing, when undeclared) until IT acts.
   */
  ignoredSettings: string[];
}

export interface ImportProgress {
  (done: number, total: number, what: string): void;
}

/** `forms/loan.form.json: fields[2].label` — where a template problem is, as one path. */
export function problemPath(problem: PackageProblem): string {
  const where = problem.elementId ?? problem.path;
  return where ? `${problem.file}:${where}` : problem.file;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Schedule triggers of rule sets whose cron expression or time zone the scheduler cannot run. */
function scheduleProblems(pkg: AppPackage): PackageProblem[] {
  const problems: PackageProblem[] = [];
  for (const ruleSet of pkg.ruleSets) {
    const triggers = (ruleSet.definition as { triggers?: unknown }).triggers;
    if (!Array.isArray(triggers)) continue;
    triggers.forEach((trigger: unknown, index) => {
      if (!isObject(trigger) || trigger.on !== 'schedule') return;
      const problem = (path: string, code: string, message: LocalizedText) =>
        problems.push({ file: ruleSet.file, path: `triggers[${index}].${path}`, code, message });
      if (typeof trigger.cron !== 'string') {
        problem('cron', 'schedule.cronMissing', text('定时触发需要 cron 表达式', 'a schedule trigger needs a cron expression'));
        return;
      }
      const timeZone = trigger.timeZone ?? DEFAULT_SCHEDULE_TIME_ZONE;
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: String(timeZone) });
      } catch {
        problem('timeZone', 'schedule.timeZone', text(`未知的时区“${String(timeZone)}”`, `unknown time zone "${String(timeZone)}"`));
        return;
      }
      try {
        nextTick(parseCron(trigger.cron), new Date(0), String(timeZone));
      } catch (error) {
        if (error instanceof CronError) problem('cron', 'schedule.cron', error.messages);
        else throw error;
      }
    });
  }
  return problems;
}

/** Installs validated app packages atomically: forms, processes, rules, reports and seed data. */
@Injectable()
export class AppsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly processes: ProcessDefinitionsService,
    private readonly audit: AuditService,
    /** Absent in the CLI: the server brings schedules up to date when it starts. */
    @Optional() private readonly schedules?: RuleSchedules,
  ) {}

  /** Validates a template as a whole; 422 lists every problem with its file and path. */
  async validate(files: TemplateFiles): Promise<{ package: AppPackage; warnings: PackageProblem[] }> {
    const installed = await this.installedApps();
    const result = await validateAppPackage(files, { installedApp: (key) => installed.get(key) });
    const errors = [
      ...result.problems.filter((problem) => problem.severity !== 'warning'),
      ...(result.package ? scheduleProblems(result.package) : []),
    ];
    if (!result.package || errors.length) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'app.invalid',
        text(`模板有 ${errors.length} 个问题`, `The template has ${errors.length} problem(s)`),
        errors.map((problem) => ({ path: problemPath(problem), code: problem.code, message: problem.message })),
      );
    }
    return { package: result.package, warnings: result.problems.filter((problem) => problem.severity === 'warning') };
  }

  async import(files: TemplateFiles, actor: { id: string }, progress?: ImportProgress): Promise<ImportOutcome> {
    const { package: pkg, warnings } = await this.validate(files);
    return this.dataSource.transaction(async (manager) => {
      const [existing] = (await manager.query(`SELECT hash FROM app WHERE key = $1 FOR UPDATE`, [pkg.key])) as {
        hash: string;
      }[];
      const outcome: ImportOutcome = {
        key: pkg.key,
        version: pkg.version,
        unchanged: existing?.hash === pkg.hash,
        forms: [],
        processes: [],
        seededRecords: 0,
        warnings: warnings.length,
        ignoredSettings: [],
      };
      if (outcome.unchanged) return outcome;
      await manager.query(
        `INSERT INTO app (key, version, name, manifest, hash, installed_by) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (key) DO UPDATE SET version = $2, name = $3, manifest = $4, hash = $5, updated_at = now()`,
        [pkg.key, pkg.version, JSON.stringify(pkg.manifest.name), JSON.stringify(pkg.manifest), pkg.hash, actor.id],
      );
      await manager.query(
        `INSERT INTO app_version (app_key, version, hash, manifest, installed_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (app_key, version) DO UPDATE SET hash = $3, manifest = $4, installed_by = $5, installed_at = now()`,
        [pkg.key, pkg.version, pkg.hash, JSON.stringify(pkg.manifest), actor.id],
      );
      const previous = new Map(
        (
          (await manager.query(`SELECT kind, key, hash FROM app_artifact WHERE app_key = $1`, [pkg.key])) as {
            kind: string;
            key: string;
            hash: string;
          }[]
        ).map((row) => [`${row.kind}:${row.key}`, row.hash]),
      );
      const changed = (kind: string, artifact: { key: string; hash: string }) =>
        previous.get(`${kind}:${artifact.key}`) !== artifact.hash;
      const total = pkg.forms.length + pkg.processes.length + pkg.seed.length;
      let done = 0;
      for (const form of pkg.forms) {
        if (changed('form', form)) {
          await this.forms.save(manager, pkg.key, form.definition, actor.id);
          outcome.forms.push(form.key);
        }
        progress?.(++done, total, form.file);
      }
      const decisionTables = Object.fromEntries(
        pkg.decisionTables.map((table) => [table.key, table.definition as unknown as DecisionTableDefinition]),
      );
      const ruleSets = Object.fromEntries(
        pkg.ruleSets.map((ruleSet) => [ruleSet.key, ruleSet.definition as unknown as RuleSetDefinition]),
      );
      const rulesChanged = [
        ...pkg.decisionTables.map((table) => changed('decisionTable', table)),
        ...pkg.ruleSets.map((ruleSet) => changed('ruleSet', ruleSet)),
      ].some(Boolean);
      for (const process of pkg.processes) {
        if (changed('process', process) || rulesChanged) {
          await this.processes.deploy(manager, pkg.key, process.definition, { decisionTables, ruleSets }, actor.id);
          outcome.processes.push(process.key);
        }
        progress?.(++done, total, process.file);
      }
      for (const report of pkg.reports) {
        if (changed('report', report)) await this.saveReportVersion(manager, pkg.key, report.key, report.definition, actor.id);
      }
      await manager.query(`DELETE FROM app_artifact WHERE app_key = $1`, [pkg.key]);
      const artifacts: [string, { key: string; file: string; hash: string; definition: unknown }[]][] = [
        ['form', pkg.forms],
        ['process', pkg.processes],
        ['decisionTable', pkg.decisionTables],
        ['ruleSet', pkg.ruleSets],
        ['report', pkg.reports],
        ['scenario', pkg.scenarios],
      ];
      for (const [kind, list] of artifacts) {
        for (const artifact of list) {
          await manager.query(
            `INSERT INTO app_artifact (app_key, kind, key, file, hash, definition) VALUES ($1, $2, $3, $4, $5, $6)`,
            [pkg.key, kind, artifact.key, artifact.file, artifact.hash, JSON.stringify(artifact.definition)],
          );
        }
      }
      if (!existing) {
        // Every seed record gets its id first, so relations resolve whichever file is seeded first.
        const ids = new Map<string, string>();
        for (const seed of pkg.seed) for (const record of seed.records) ids.set(record.id, randomUUID());
        for (const [localId, recordId] of ids) {
          await manager.query(
            `INSERT INTO seed_record (app_key, local_id, record_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
            [pkg.key, localId, recordId],
          );
        }
        for (const seed of pkg.seed) {
          outcome.seededRecords += await this.seedRecords(manager, pkg.key, seed.form, seed.records, ids, actor.id);
          progress?.(++done, total, seed.file);
        }
      }
      const settings = await loadAppSettings(manager, pkg.key);
      if (settings) {
        const views = settingViews(settings.declared, settings.stored);
        outcome.ignoredSettings = [
          ...views.items.filter((view) => view.problem).map((view) => view.key),
          ...views.undeclared.map((setting) => setting.key),
        ];
      }
      await this.schedules?.sync(manager);
      await this.audit.append(manager, {
        actor: actor.id,
        action: existing ? 'app.upgrade' : 'app.install',
        entityType: 'app',
        entityId: pkg.key,
        after: {
          version: pkg.version,
          hash: pkg.hash,
          forms: outcome.forms,
          processes: outcome.processes,
          seededRecords: outcome.seededRecords,
          ...(outcome.ignoredSettings.length ? { ignoredSettings: outcome.ignoredSettings } : {}),
        },
      });
      return outcome;
    });
  }

  async list(): Promise<{ key: string; version: string; name: unknown; installedAt: Date }[]> {
    const rows = (await this.dataSource.query(`SELECT key, version, name, installed_at FROM app ORDER BY key`)) as {
      key: string;
      version: string;
      name: unknown;
      installed_at: Date;
    }[];
    return rows.map((row) => ({ key: row.key, version: row.version, name: row.name, installedAt: row.installed_at }));
  }

  async get(key: string): Promise<{
    key: string;
    version: string;
    manifest: AppManifest;
    forms: string[];
    processes: string[];
    reports: string[];
  }> {
    const [row] = (await this.dataSource.query(`SELECT key, version, manifest FROM app WHERE key = $1`, [key])) as {
      key: string;
      version: string;
      manifest: AppManifest;
    }[];
    if (!row) throw notFound(text(`应用“${key}”不存在`, `No app "${key}"`), 'app.notFound');
    const artifacts = (await this.dataSource.query(
      `SELECT kind, key FROM app_artifact WHERE app_key = $1 ORDER BY key`,
      [key],
    )) as { kind: string; key: string }[];
    const of = (kind: string) => artifacts.filter((artifact) => artifact.kind === kind).map((artifact) => artifact.key);
    return {
      key: row.key,
      version: row.version,
      manifest: row.manifest,
      forms: of('form'),
      processes: of('process'),
      reports: of('report'),
    };
  }

  /** Every version of the app installed here, oldest first, and which one is published. */
  async versions(key: string): Promise<{
    items: { version: string; hash: string; installedAt: Date; installedBy: string; current: boolean; published: boolean; publishedAt: Date | null; publishedBy: string | null }[];
  }> {
    const [app] = (await this.dataSource.query(`SELECT version, published_version FROM app WHERE key = $1`, [key])) as {
      version: string;
      published_version: string | null;
    }[];
    if (!app) throw notFound(text(`应用“${key}”不存在`, `No app "${key}"`), 'app.notFound');
    const rows = (await this.dataSource.query(
      `SELECT version, hash, installed_at, installed_by, published_at, published_by FROM app_version WHERE app_key = $1
       ORDER BY installed_at, version`,
      [key],
    )) as {
      version: string;
      hash: string;
      installed_at: Date;
      installed_by: string;
      published_at: Date | null;
      published_by: string | null;
    }[];
    return {
      items: rows.map((row) => ({
        version: row.version,
        hash: row.hash,
        installedAt: row.installed_at,
        installedBy: row.installed_by,
        current: row.version === app.version,
        published: row.version === app.published_version,
        publishedAt: row.published_at,
        publishedBy: row.published_by,
      })),
    };
  }

  /** Marks an installed version (the current one by default) as the app's published version; audited. */
  async publish(key: string, version: string | undefined, actor: { id: string }): Promise<{ key: string; version: string; publishedAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      const [app] = (await manager.query(`SELECT version, published_version FROM app WHERE key = $1 FOR UPDATE`, [key])) as {
        version: string;
        published_version: string | null;
      }[];
      if (!app) throw notFound(text(`应用“${key}”不存在`, `No app "${key}"`), 'app.notFound');
      const target = version ?? app.version;
      const [row] = (await manager.query(
        `WITH updated AS (
           UPDATE app_version SET published_at = now(), published_by = $3 WHERE app_key = $1 AND version = $2
           RETURNING published_at)
         SELECT published_at FROM updated`,
        [key, target, actor.id],
      )) as { published_at: Date }[];
      if (!row) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'app.versionUnknown',
          text(`应用“${key}”没有安装过版本 ${target}`, `Version ${target} of "${key}" was never installed`),
          [{ path: 'version', code: 'app.versionUnknown', message: text('未安装的版本', 'not an installed version') }],
        );
      }
      await manager.query(`UPDATE app SET published_version = $2 WHERE key = $1`, [key, target]);
      await this.audit.append(manager, {
        actor: actor.id,
        action: 'app.publish',
        entityType: 'app',
        entityId: key,
        before: { publishedVersion: app.published_version },
        after: { publishedVersion: target },
      });
      return { key, version: target, publishedAt: row.published_at };
    });
  }

  /** A report of the package becomes the next version of its key, as if a designer had saved it. */
  private async saveReportVersion(
    manager: EntityManager,
    appKey: string,
    key: string,
    definition: unknown,
    actor: string,
  ): Promise<void> {
    const [latest] = (await manager.query(
      `SELECT app_key, version FROM report_definition WHERE report_key = $1 ORDER BY version DESC LIMIT 1`,
      [key],
    )) as { app_key: string; version: number }[];
    if (latest && latest.app_key !== appKey) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'report.keyTaken',
        text(`报表“${key}”已属于应用 ${latest.app_key}`, `The report key "${key}" belongs to app ${latest.app_key}`),
      );
    }
    await manager.query(
      `INSERT INTO report_definition (id, app_key, report_key, version, definition, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
      [randomUUID(), appKey, key, (latest?.version ?? 0) + 1, JSON.stringify(definition), actor],
    );
  }

  private async installedApps(): Promise<Map<string, InstalledApp>> {
    const apps = (await this.dataSource.query(`SELECT key, version FROM app`)) as { key: string; version: string }[];
    const forms = (await this.dataSource.query(
      `SELECT app_key, key, definition FROM app_artifact WHERE kind = 'form'`,
    )) as { app_key: string; key: string; definition: FormDefinition }[];
    return new Map(
      apps.map((app) => [
        app.key,
        {
          key: app.key,
          version: app.version,
          forms: Object.fromEntries(
            forms
              .filter((form) => form.app_key === app.key)
              .map((form) => [
                form.key,
                { key: form.key, fields: form.definition.fields, permissions: form.definition.permissions },
              ]),
          ),
        },
      ]),
    );
  }

  /** Seed records, owned by the users the template names; relations to other seed records resolved. */
  private async seedRecords(
    manager: EntityManager,
    appKey: string,
    formKey: string,
    records: AppPackage['seed'][number]['records'],
    ids: Map<string, string>,
    fallbackOwner: string,
  ): Promise<number> {
    const form = await this.forms.load(formKey, undefined, manager);
    const relationFields = form.definition.fields
      .filter((field) => field.type === 'relation')
      .map((field) => field.key);
    const users = new Map(
      (
        (await manager.query(`SELECT id, username, department_id FROM app_user`)) as {
          id: string;
          username: string;
          department_id: string | null;
        }[]
      ).map((user) => [user.username, user]),
    );
    for (const record of records) {
      const data = { ...record.data };
      for (const key of relationFields) {
        const value = data[key];
        if (isObject(value) && typeof value.id === 'string' && ids.has(value.id)) {
          data[key] = { ...value, id: ids.get(value.id) };
        } else if (isObject(value) && typeof value.id === 'string') {
          // A seed record of an app this one depends on.
          const [mapped] = (await manager.query(`SELECT record_id FROM seed_record WHERE local_id = $1 LIMIT 1`, [
            value.id,
          ])) as { record_id: string }[];
          if (mapped) data[key] = { ...value, id: mapped.record_id };
        }
      }
      const owner = record.createdBy ? users.get(record.createdBy) : undefined;
      await manager.query(
        `INSERT INTO record (id, app_key, form_key, form_version, data, created_at, updated_at, created_by, owner_id, department_id)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $7, $8)`,
        [
          ids.get(record.id),
          appKey,
          form.key,
          form.version,
          JSON.stringify(data),
          record.createdAt ?? new Date(),
          owner?.id ?? fallbackOwner,
          owner?.department_id ?? null,
        ],
      );
    }
    return records.length;
  }
}
