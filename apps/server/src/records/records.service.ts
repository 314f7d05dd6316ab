import { randomUUID } from 'node:crypto';
import { Clock } from '../core/clock/clock';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Audience, CompiledForm } from '@tessera/forms';
import { SqlParameters, type SqlQuery } from '@tessera/reports';
import type { Locale } from '@tessera/rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import { ApiError, type ApiErrorDetail, forbidden, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { FormsService, type LoadedForm } from '../forms/forms.service';
import {
  type BoundRuleSet,
  boundRuleSetsSql,
  RecordRulesService,
  type RecordEvent,
  type RuleSetRef,
} from '../rules/record-rules.service';
import { formAccess } from './form-access';
import { restoreEchoedValues } from './masked-echo';
import { searchExpression, searchKeys } from '../forms/record-indexes';
import { RecordIndexesService } from '../forms/record-indexes.service';
import { listWhere, orderBy, parseFilter, parseSort, queryableFields, type QueryableFields } from './record-query';
import { scopeCondition, scopeOf, scopeSql } from './record-scope';

export interface RecordView {
  id: string;
  appKey: string;
  formKey: string;
  formVersion: number;
  data: Record<string, unknown>;
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  ownerId: string;
  departmentId: string | null;
  version: number;
}

export interface ListQuery {
  filter?: string;
  sort?: string;
  q?: string;
  page: number;
  pageSize: number;
}

interface RecordRow {
  id: string;
  app_key: string;
  form_key: string;
  form_version: number;
  data: Record<string, unknown>;
  tags: string[];
  created_at: Date;
  updated_at: Date;
  created_by: string;
  owner_id: string;
  department_id: string | null;
  version: number;
  deleted_at: Date | null;
}

const recordNotFound = () => notFound(text('记录不存在', 'No such record'), 'record.notFound');

function toView(row: RecordRow, data: Record<string, unknown>): RecordView {
  return {
    id: row.id,
    appKey: row.app_key,
    formKey: row.form_key,
    formVersion: row.form_version,
    data,
    tags: row.tags,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    createdBy: row.created_by,
    ownerId: row.owner_id,
    departmentId: row.department_id,
    version: row.version,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Records of any form, validated by `@tessera/forms` on the way in and projected (hidden fields
 * left out, masks applied) on the way out, within the caller's record scope.
 */
@Injectable()
export class RecordsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly audit: AuditService,
    private readonly rules: RecordRulesService,
    private readonly clock: Clock,
    private readonly indexes: RecordIndexesService,
  ) {}

  /** Every version of a form (oldest first), kept per latest version as stored versions never change. */
  private readonly versionCache = new Map<string, CompiledForm[]>();

  /**
   * Runs the rule sets bound to the event; their changes are written in the same transaction.
   * `form` is the latest version of the record's form, which the caller has loaded already.
   */
  private async applyRules(
    manager: EntityManager,
    event: RecordEvent,
    form: LoadedForm,
    row: RecordRow,
    changed: string[],
    user: AuthenticatedUser,
    ruleSets: RuleSetRef[],
  ): Promise<RecordRow> {
    const outcome = await this.rules.afterWrite(
      manager,
      event,
      {
        id: row.id,
        appKey: row.app_key,
        formKey: row.form_key,
        data: row.data,
        tags: row.tags,
        fieldKeys: form.definition.fields.map((field) => field.key),
      },
      changed,
      user,
      ruleSets.length ? await this.rules.boundRuleSets(manager, ruleSets) : ([] as BoundRuleSet[]),
    );
    if (!outcome.changed || event === 'record.deleted') return row;
    const [updated] = (await manager.query(
      `WITH updated AS (UPDATE record SET data = $2, tags = $3 WHERE id = $1 RETURNING *) SELECT * FROM updated`,
      [row.id, JSON.stringify(outcome.data), outcome.tags],
    )) as RecordRow[];
    return updated!;
  }

  /**
   * The latest form for a write, and the rule sets bound to its records, in one round trip before
   * the write's transaction begins (so the transaction holds its connection for the writes only).
   */
  private async writable(formKey: string): Promise<{ form: LoadedForm; ruleSets: RuleSetRef[] }> {
    const { form, extra } = await this.forms.loadLatestWith<{ rule_sets: RuleSetRef[] }>(formKey, {
      rule_sets: boundRuleSetsSql('$1'),
    });
    return { form, ruleSets: extra.rule_sets };
  }

  audience(user: AuthenticatedUser, form: LoadedForm): Audience {
    return { role: rolesIn(user, form.appKey) };
  }

  async create(formKey: string, input: unknown, user: AuthenticatedUser): Promise<RecordView> {
    const { form, ruleSets } = await this.writable(formKey);
    const audience = this.audience(user, form);
    if (!formAccess(form.compiled, audience).canWrite) throw this.noFormAccess(form);
    const data = this.requireObject(input);
    this.refuseForbiddenWrites(form.compiled, {}, data, audience);
    // Defaults (e.g. a read-only status that starts as "submitted") are the form's to fill in.
    const stored = this.validated(form.compiled, form.compiled.initialData(data, { now: this.clock.now() }), audience);
    return this.dataSource.transaction(async (manager) => {
      const id = randomUUID();
      const [inserted] = (await manager.query(
        `INSERT INTO record (id, app_key, form_key, form_version, data, created_by, owner_id, department_id)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7) RETURNING *`,
        [id, form.appKey, form.key, form.version, JSON.stringify(stored), user.id, user.departmentId],
      )) as RecordRow[];
      const row = await this.applyRules(
        manager,
        'record.created',
        form,
        inserted!,
        Object.keys(stored),
        user,
        ruleSets,
      );
      await this.audit.append(manager, {
        actor: user.id,
        action: 'record.create',
        entityType: `record:${form.key}`,
        entityId: id,
        after: row.tags.length ? { ...row.data, $tags: row.tags } : row.data,
      });
      return toView(row, form.compiled.project(row.data, audience));
    });
  }

  async get(formKey: string, id: string, user: AuthenticatedUser): Promise<RecordView> {
    const form = await this.forms.load(formKey);
    const audience = this.audience(user, form);
    if (!formAccess(form.compiled, audience).canRead) throw this.noFormAccess(form);
    const row = await this.findInScope(this.dataSource.manager, form, id, user, false);
    return toView(row, await this.project(row, audience));
  }

  async update(
    formKey: string,
    id: string,
    expectedVersion: number,
    patch: unknown,
    user: AuthenticatedUser,
  ): Promise<RecordView> {
    const { form, ruleSets } = await this.writable(formKey);
    const audience = this.audience(user, form);
    if (!formAccess(form.compiled, audience).canWrite) throw this.noFormAccess(form);
    const changes = this.requireObject(patch);
    return this.dataSource.transaction(async (manager) => {
      const row = await this.findInScope(manager, form, id, user, true);
      if (row.version !== expectedVersion) throw this.versionConflict(row.version);
      const previous = await this.currentData(row, form);
      const shown = form.compiled.project(previous, audience);
      const restored = restoreEchoedValues(changes, shown, previous);
      this.refuseForbiddenWrites(form.compiled, previous, restored, audience);
      const stored = this.validated(form.compiled, { ...previous, ...restored }, audience);
      const [updated] = (await manager.query(
        `WITH updated AS (
           UPDATE record SET data = $2, form_version = $3, version = version + 1, updated_at = now()
           WHERE id = $1 AND version = $4 RETURNING *)
         SELECT * FROM updated`,
        [id, JSON.stringify(stored), form.version, expectedVersion],
      )) as RecordRow[];
      if (!updated) throw this.versionConflict(row.version + 1);
      const diff = changedFields(row.data, stored);
      const final = await this.applyRules(
        manager,
        'record.updated',
        form,
        updated,
        Object.keys(diff.after),
        user,
        ruleSets,
      );
      await this.audit.append(manager, {
        actor: user.id,
        action: 'record.update',
        entityType: `record:${form.key}`,
        entityId: id,
        ...changedFields(row.data, final.data),
      });
      return toView(final, form.compiled.project(final.data, audience));
    });
  }

  async remove(
    formKey: string,
    id: string,
    expectedVersion: number | undefined,
    user: AuthenticatedUser,
  ): Promise<void> {
    const { form, ruleSets } = await this.writable(formKey);
    const audience = this.audience(user, form);
    if (!formAccess(form.compiled, audience).canWrite) throw this.noFormAccess(form);
    await this.dataSource.transaction(async (manager) => {
      const row = await this.findInScope(manager, form, id, user, true);
      if (expectedVersion !== undefined && row.version !== expectedVersion) throw this.versionConflict(row.version);
      await this.applyRules(manager, 'record.deleted', form, row, [], user, ruleSets);
      await manager.query(
        `UPDATE record SET deleted_at = now(), version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.append(manager, {
        actor: user.id,
        action: 'record.delete',
        entityType: `record:${form.key}`,
        entityId: id,
        before: row.data,
      });
    });
  }

  async list(
    formKey: string,
    query: ListQuery,
    user: AuthenticatedUser,
  ): Promise<{ items: RecordView[]; total: number; page: number; pageSize: number }> {
    const { audience, count, page } = await this.listQueries(formKey, query, user);
    const [counted] = (await this.dataSource.query(count.text, count.values)) as { total: number }[];
    const rows = (await this.dataSource.query(page.text, page.values)) as RecordRow[];
    const items: RecordView[] = [];
    const versions = new Map<number, CompiledForm>();
    for (const row of rows) items.push(toView(row, await this.project(row, audience, versions)));
    return { items, total: counted?.total ?? 0, page: query.page, pageSize: query.pageSize };
  }

  /**
   * The two parameterised queries of a list page: the total and the page's rows, filtered, searched,
   * scoped, sorted and paged in SQL. Refuses (400, with paths) what the caller may not query.
   */
  async listQueries(
    formKey: string,
    query: ListQuery,
    user: AuthenticatedUser,
  ): Promise<{ audience: Audience; count: SqlQuery; page: SqlQuery }> {
    const { form, audience, queryable } = await this.readable(formKey, user);
    const sort = parseSort(query.sort, queryable);
    const filter = parseFilter(query.filter, form.compiled, queryable);
    const scope = await scopeOf(this.dataSource.manager, user, form.appKey);
    const { where, parameters } = listWhere({
      formKey: form.key,
      scope: (values) => scopeSql(scope, user, values),
      filter,
      q: query.q,
      queryable,
      now: this.clock.now(),
      searchIndexed: (await this.indexes.trigramSchema())
        ? searchExpression('t."data"', searchKeys(form.compiled))
        : undefined,
    });
    const count = {
      text: `SELECT count(*)::int AS total FROM record AS t WHERE ${where}`,
      values: [...parameters.values],
    };
    const limit = parameters.add(query.pageSize, 'int');
    const offset = parameters.add((query.page - 1) * query.pageSize, 'int');
    const page = {
      text: `SELECT t.* FROM record AS t WHERE ${where} ORDER BY ${orderBy(sort, queryable)} LIMIT ${limit} OFFSET ${offset}`,
      values: parameters.values,
    };
    return { audience, count, page };
  }

  /** The form, the caller's audience and what it may query; 403 when it may read none of the form. */
  private async readable(
    formKey: string,
    user: AuthenticatedUser,
  ): Promise<{ form: LoadedForm; audience: Audience; queryable: QueryableFields }> {
    const form = await this.forms.load(formKey);
    this.indexes.ensure(form);
    const audience = this.audience(user, form);
    if (!formAccess(form.compiled, audience).canRead) throw this.noFormAccess(form);
    return { form, audience, queryable: queryableFields(await this.versionsOf(form), audience) };
  }

  private async versionsOf(form: LoadedForm): Promise<CompiledForm[]> {
    const cacheKey = `${form.key}@${form.version}`;
    let versions = this.versionCache.get(cacheKey);
    if (!versions) {
      versions = [];
      for (let version = 1; version < form.version; version += 1) {
        versions.push((await this.forms.load(form.key, version).catch(() => undefined))?.compiled ?? form.compiled);
      }
      versions.push(form.compiled);
      this.versionCache.set(cacheKey, versions);
    }
    return versions;
  }

  /**
   * Every live record of the form the user may see, projected for them, newest first, read in
   * chunks so an export of any size holds one chunk at a time. `count` is known before the rows.
   */
  async exportInScope(
    formKey: string,
    user: AuthenticatedUser,
    chunkSize = 1000,
  ): Promise<{ form: LoadedForm; audience: Audience; count: number; records: AsyncIterable<RecordView> }> {
    const { form, audience } = await this.readable(formKey, user);
    const scope = await scopeOf(this.dataSource.manager, user, form.appKey);
    const base = (parameters: SqlParameters) =>
      `t.form_key = ${parameters.add(form.key, 'text')} AND t.deleted_at IS NULL AND ${scopeSql(scope, user, parameters)}`;
    const counting = new SqlParameters();
    const [counted] = (await this.dataSource.query(
      `SELECT count(*)::int AS total FROM record AS t WHERE ${base(counting)}`,
      counting.values,
    )) as { total: number }[];
    const dataSource = this.dataSource;
    const versions = new Map<number, CompiledForm>();
    const project = (row: RecordRow) => this.project(row, audience, versions);
    async function* records(): AsyncGenerator<RecordView> {
      let cursor: { at: string; id: string } | undefined;
      for (;;) {
        const parameters = new SqlParameters();
        let where = base(parameters);
        if (cursor)
          where += ` AND (t.created_at, t.id) < (${parameters.add(cursor.at, 'timestamptz')}, ${parameters.add(cursor.id, 'uuid')})`;
        const rows = (await dataSource.query(
          `SELECT t.*, t.created_at::text AS cursor_at FROM record AS t WHERE ${where}
           ORDER BY t.created_at DESC, t.id DESC LIMIT ${parameters.add(chunkSize, 'int')}`,
          parameters.values,
        )) as (RecordRow & { cursor_at: string })[];
        for (const row of rows) yield toView(row, await project(row));
        if (rows.length < chunkSize) return;
        const last = rows[rows.length - 1]!;
        cursor = { at: last.cursor_at, id: last.id };
      }
    }
    return { form, audience, count: counted?.total ?? 0, records: records() };
  }

  private async findInScope(
    manager: EntityManager,
    form: LoadedForm,
    id: string,
    user: AuthenticatedUser,
    lock: boolean,
  ): Promise<RecordRow> {
    const scope = await scopeOf(manager, user, form.appKey);
    const values: unknown[] = [id, form.key];
    const condition = scopeCondition(scope, user, values);
    const [row] = (await manager.query(
      `SELECT * FROM record WHERE id = $1 AND form_key = $2 AND deleted_at IS NULL AND ${condition} ${lock ? 'FOR UPDATE' : ''}`,
      values,
    )) as RecordRow[];
    // Out of scope reads as absent: the caller learns nothing about records it may not see.
    if (!row) throw recordNotFound();
    return row;
  }

  /** Projects with the form version the record was written with; `versions` keeps them for one list or export. */
  private async project(
    row: RecordRow,
    audience: Audience,
    versions?: Map<number, CompiledForm>,
  ): Promise<Record<string, unknown>> {
    let form = versions?.get(row.form_version);
    if (!form) {
      form = (await this.forms.load(row.form_key, row.form_version)).compiled;
      versions?.set(row.form_version, form);
    }
    return form.project(row.data, audience);
  }

  /** The stored data carried to the latest form version when it was written with an older one. */
  private async currentData(row: RecordRow, latest: LoadedForm): Promise<Record<string, unknown>> {
    if (row.form_version === latest.version) return row.data;
    const written = await this.forms.load(row.form_key, row.form_version);
    return latest.compiled.migrate(row.data, written.compiled).data as Record<string, unknown>;
  }

  private requireObject(input: unknown): Record<string, unknown> {
    if (!isPlainObject(input)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'request.invalid',
        text('请求参数不正确', 'The request has invalid values'),
        [{ path: 'data', code: 'validation.isObject', message: text('必须是对象', 'Must be an object') }],
      );
    }
    return input;
  }

  private refuseForbiddenWrites(
    form: CompiledForm,
    previous: Record<string, unknown>,
    next: Record<string, unknown>,
    audience: Audience,
  ): void {
    const refused = form.acceptWrite(previous, next, { ...audience, now: this.clock.now() });
    if (!refused.length) return;
    throw new ApiError(
      HttpStatus.FORBIDDEN,
      'record.fieldForbidden',
      text('无权修改以下字段', 'You may not change these fields'),
      refused.map((path) => ({
        path,
        code: 'field.notWritable',
        message: text('无权修改此字段', 'You may not change this field'),
      })),
    );
  }

  /** Validates with the form and returns the data to store; 422 with every problem in both languages. */
  private validated(form: CompiledForm, data: Record<string, unknown>, audience: Audience): Record<string, unknown> {
    const now = this.clock.now();
    const result = form.validate(data, { ...audience, now, locale: 'zh-CN' });
    if (result.valid) return result.data;
    const english = form.validate(data, { ...audience, now, locale: 'en' as Locale }).errors;
    const details: ApiErrorDetail[] = result.errors.map((error, index) => ({
      path: error.path,
      code: error.code,
      message: { 'zh-CN': error.message, en: english[index]?.message ?? error.message },
    }));
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'record.invalid',
      text('表单数据不正确', 'The form data is not valid'),
      details,
    );
  }

  private versionConflict(current: number): ApiError {
    return new ApiError(
      HttpStatus.CONFLICT,
      'record.versionConflict',
      text('记录已被他人修改，请刷新后重试', 'The record was changed by someone else; reload and try again'),
      [
        {
          path: 'version',
          code: 'record.versionConflict',
          message: text(`当前版本为 ${current}`, `The current version is ${current}`),
        },
      ],
    );
  }

  private noFormAccess(form: LoadedForm): ApiError {
    return forbidden(
      'record.formForbidden',
      text(
        `无权访问表单“${form.definition.title['zh-CN']}”的记录`,
        `You may not access records of the form "${form.definition.title.en}"`,
      ),
    );
  }
}

/** Only what changed, so the audit log shows a diff rather than two copies of the record. */
function changedFields(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    changedBefore[key] = before[key] ?? null;
    changedAfter[key] = after[key] ?? null;
  }
  return { before: changedBefore, after: changedAfter };
}
