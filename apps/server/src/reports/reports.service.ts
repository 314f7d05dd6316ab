import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  buildChart,
  compileReport,
  DefinitionError,
  evaluateInMemory,
  exportTable,
  ParameterError,
  planDashboard,
  type ChartDefinition,
  type CompiledDataset,
  type CompiledReport,
  type DatasetDefinition,
  type ExportTable,
  type ReportDefinition,
  type ResultRow,
  type SourceDefinition,
  type SourceRow,
  pathsRead,
  toSql,
  withFieldAccess,
} from '@tessera/reports';
import type { LocalizedText, Locale, Problem, Rule, VariableSchema } from '@tessera/rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import { ReportReads } from '../core/database/read-replica';
import { ApiError, forbidden, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { FormsService, type LoadedForm } from '../forms/forms.service';
import { formAccess } from '../records/form-access';
import { type RecordScope, scopeCondition, scopeOf } from '../records/record-scope';
import { drillFilter } from './drill-filter';
import { fieldReads, planFor, type SqlPlan, type Visibility, visibilityIn } from './field-visibility';
import { columnsOf, type PreviewColumn, sourceCatalogue, type SourceEntry } from './report-catalogue';

/** Roles that may report over process instances, tasks and the audit log. */
export const OVERSEERS = ['admin', 'supervisor'];

/** Roles that may save report definitions. */
export const REPORT_DESIGNERS = ['designer', 'admin'];

export interface ReportSummary {
  key: string;
  appKey: string;
  version: number;
  title: LocalizedText;
  datasets: { key: string; title: LocalizedText | null }[];
  charts: { key: string; title: LocalizedText; type: string; dataset: string }[];
  dashboards: { key: string; title: LocalizedText }[];
}

export interface DashboardPanel {
  key: string;
  title: LocalizedText;
  chart: string;
  type: string;
  layout: { x: number; y: number; w: number; h: number };
  option: Record<string, unknown> | null;
  kpi?: unknown;
  table?: unknown;
  rows: ResultRow[];
  /** Why the panel is empty for this caller (a source they may not read), instead of failing the dashboard. */
  error?: { code: string; message: LocalizedText };
}

export interface DashboardRun {
  key: string;
  title: LocalizedText;
  filters: { key: string; label: LocalizedText; type: string; options?: unknown[]; value: unknown }[];
  panels: DashboardPanel[];
}

interface ReportRow {
  app_key: string;
  report_key: string;
  version: number;
  definition: ReportDefinition;
}

const reportNotFound = (key: string) =>
  notFound(text(`报表“${key}”不存在`, `No report "${key}"`), 'report.notFound');

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Problems found by an engine, as a 422 whose paths start at `prefix` (`dataset.`, `chart.`). */
function invalid(code: string, messages: LocalizedText, problems: Problem[]): ApiError {
  return ApiError.fromProblems(HttpStatus.UNPROCESSABLE_ENTITY, code, messages, problems);
}

/** Runs `work`; parameter values it refuses become a 400 naming each one under `path`. */
function withParameters<T>(path: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof ParameterError) {
      const problems = (error as unknown as { problems?: Problem[] }).problems ?? [];
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'report.parameterInvalid',
        text('报表参数不正确', 'The report parameters are not valid'),
        problems.map((problem) => ({ path: `${path}.${problem.path ?? ''}`, code: problem.code, message: problem.message })),
      );
    }
    throw error;
  }
}

/** The caller's record scope as a rule over the record's `$` columns, as `scopeCondition` reads it. */
function scopeRule(scope: RecordScope, user: AuthenticatedUser): Rule | undefined {
  if (scope === 'all') return undefined;
  if (scope === 'department' && user.departmentId) return { '==': [{ var: '$departmentId' }, user.departmentId] };
  return { '==': [{ var: '$ownerId' }, user.id] };
}

function allOf(rules: (Rule | undefined)[]): Rule | undefined {
  const present = rules.filter((rule): rule is Rule => rule !== undefined);
  if (present.length <= 1) return present[0];
  return { and: present };
}

/** How many panels of one dashboard run at once: the pool (primary: 10, replica: 5 by default) is shared. */
const PANEL_CONCURRENCY = 4;

/** `work` over every item, at most `limit` at a time, results in the items' order. */
async function mapConcurrently<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Panel keys: the chart's key, made unique when a dashboard shows a chart twice. */
function panelKeys(charts: string[]): string[] {
  const seen = new Map<string, number>();
  return charts.map((chart) => {
    const count = (seen.get(chart) ?? 0) + 1;
    seen.set(chart, count);
    return count === 1 ? chart : `${chart}_${count}`;
  });
}

/**
 * Runs report datasets over exactly what the caller may see through the record API: the rows of
 * their record scope, with their projection of each record (hidden fields absent, masks applied).
 * A report, a preview, a dashboard or a drill-down can therefore never show more than the record
 * list would. Report definitions are versioned; the latest version is the one that runs.
 */
@Injectable()
export class ReportsService {
  private readonly compiled = new Map<string, CompiledReport>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly audit: AuditService,
    /** Dataset queries and the record scans behind them: the read replica when one is configured. */
    private readonly reads: ReportReads,
  ) {}

  /** The latest version of every report. */
  async list(): Promise<ReportSummary[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (report_key) app_key, report_key, version, definition FROM report_definition
       ORDER BY report_key, version DESC`,
    )) as ReportRow[];
    return rows.map(({ app_key, report_key, version, definition }) => ({
      key: report_key,
      appKey: app_key,
      version,
      title: definition.title,
      datasets: definition.datasets.map((dataset) => ({ key: dataset.key, title: dataset.title ?? null })),
      charts: (definition.charts ?? []).map((chart) => ({
        key: chart.key,
        title: chart.title,
        type: chart.type,
        dataset: chart.dataset,
      })),
      dashboards: (definition.dashboards ?? []).map((dashboard) => ({ key: dashboard.key, title: dashboard.title })),
    }));
  }

  async versions(reportKey: string): Promise<{ version: number; createdAt: Date; createdBy: string }[]> {
    const rows = (await this.dataSource.query(
      `SELECT version, created_at, created_by FROM report_definition WHERE report_key = $1 ORDER BY version`,
      [reportKey],
    )) as { version: number; created_at: Date; created_by: string }[];
    if (!rows.length) throw reportNotFound(reportKey);
    return rows.map((row) => ({ version: row.version, createdAt: row.created_at, createdBy: row.created_by }));
  }

  async definition(
    reportKey: string,
  ): Promise<{ appKey: string; version: number; report: CompiledReport }> {
    const [row] = (await this.dataSource.query(
      `SELECT app_key, report_key, version, definition FROM report_definition WHERE report_key = $1
       ORDER BY version DESC LIMIT 1`,
      [reportKey],
    )) as ReportRow[];
    if (!row) throw reportNotFound(reportKey);
    const cacheKey = `${reportKey}@${row.version}`;
    let report = this.compiled.get(cacheKey);
    if (!report) {
      report = await this.compile(row.definition, 'report.invalid');
      this.compiled.set(cacheKey, report);
    }
    return { appKey: row.app_key, version: row.version, report };
  }

  /** Compiles a report against the forms its datasets read; 422 lists every problem with its path. */
  private async compile(definition: unknown, code: string, manager?: EntityManager): Promise<CompiledReport> {
    const schemas = new Map<string, VariableSchema | undefined>();
    const datasets = isObject(definition) && Array.isArray(definition.datasets) ? definition.datasets : [];
    for (const dataset of datasets) {
      const form = isObject(dataset) && isObject(dataset.source) ? dataset.source.form : undefined;
      if (typeof form === 'string' && !schemas.has(form)) {
        schemas.set(form, (await this.loadForm(form, manager))?.compiled.variableSchema);
      }
    }
    try {
      return compileReport(definition, {
        schemaFor: (source) => ('form' in source ? schemas.get(source.form) : {}),
      });
    } catch (error) {
      if (error instanceof DefinitionError)
        throw invalid(code, text('报表定义不正确', 'The report definition is not valid'), error.problems);
      throw error;
    }
  }

  private async loadForm(formKey: string, manager?: EntityManager): Promise<LoadedForm | undefined> {
    try {
      return await this.forms.load(formKey, undefined, manager);
    } catch (error) {
      if (error instanceof ApiError && error.status === HttpStatus.NOT_FOUND) return undefined;
      throw error;
    }
  }

  /**
   * Stores a report definition as the next version of its key (version 1 for a new report), after
   * compiling it against the forms it reads. A new report belongs to `appKey`, or to the app of the
   * first form it reads; an existing key stays in its app.
   */
  async save(body: unknown, user: AuthenticatedUser): Promise<{ key: string; version: number; appKey: string }> {
    if (!REPORT_DESIGNERS.some((role) => user.roles.includes(role))) {
      throw forbidden(
        'report.saveForbidden',
        text('只有设计人员和管理员可以保存报表', 'Only designers and admins may save reports'),
      );
    }
    if (!isObject(body)) {
      throw invalid('report.invalid', text('报表定义不正确', 'The report definition is not valid'), [
        { code: 'schema.type', path: '(root)', message: text('必须是对象', 'must be an object') },
      ]);
    }
    const { appKey: requestedApp, ...definition } = body;
    if (requestedApp !== undefined && (typeof requestedApp !== 'string' || !requestedApp)) {
      throw invalid('report.invalid', text('报表定义不正确', 'The report definition is not valid'), [
        { code: 'schema.type', path: 'appKey', message: text('必须是应用标识', 'must be an app key') },
      ]);
    }
    const compiled = await this.compile(definition, 'report.invalid');
    const key = compiled.definition.key;
    return this.dataSource.transaction(async (manager) => {
      const [latest] = (await manager.query(
        `SELECT app_key, version FROM report_definition WHERE report_key = $1 ORDER BY version DESC LIMIT 1 FOR UPDATE`,
        [key],
      )) as { app_key: string; version: number }[];
      let appKey: string | undefined = latest?.app_key ?? (requestedApp as string | undefined);
      if (latest && requestedApp !== undefined && requestedApp !== latest.app_key) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'report.keyTaken',
          text(`报表“${key}”已属于应用 ${latest.app_key}`, `The report key "${key}" belongs to app ${latest.app_key}`),
        );
      }
      if (!appKey) {
        const form = compiled.definition.datasets
          .map((dataset) => ('form' in dataset.source ? dataset.source.form : undefined))
          .find((value) => value !== undefined);
        appKey = form ? (await this.loadForm(form, manager))?.appKey : undefined;
      }
      if (!appKey) {
        throw invalid('report.invalid', text('报表定义不正确', 'The report definition is not valid'), [
          {
            code: 'report.appRequired',
            path: 'appKey',
            message: text('报表不读取表单时需要指明所属应用', 'A report that reads no form needs its appKey'),
          },
        ]);
      }
      const [app] = (await manager.query(`SELECT key FROM app WHERE key = $1`, [appKey])) as { key: string }[];
      if (!app) {
        throw invalid('report.invalid', text('报表定义不正确', 'The report definition is not valid'), [
          { code: 'report.unknownApp', path: 'appKey', message: text(`应用“${appKey}”不存在`, `No app "${appKey}"`) },
        ]);
      }
      const version = (latest?.version ?? 0) + 1;
      await manager.query(
        `INSERT INTO report_definition (id, app_key, report_key, version, definition, created_by)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), appKey, key, version, JSON.stringify(compiled.definition), user.id],
      );
      await this.audit.append(manager, {
        actor: user.id,
        action: 'report.save',
        entityType: 'report',
        entityId: `${key}@${version}`,
        after: { appKey, version },
      });
      return { key, version, appKey };
    });
  }

  async run(
    reportKey: string,
    datasetKey: string,
    params: Record<string, unknown>,
    user: AuthenticatedUser,
  ): Promise<{ rows: ResultRow[] }> {
    const { appKey, report } = await this.definition(reportKey);
    const dataset = report.datasets[datasetKey];
    if (!dataset)
      throw notFound(text(`数据集“${datasetKey}”不存在`, `No dataset "${datasetKey}"`), 'report.datasetNotFound');
    return { rows: await this.evaluate(appKey, dataset, params, user, 'params') };
  }

  async export(
    reportKey: string,
    datasetKey: string,
    params: Record<string, unknown>,
    user: AuthenticatedUser,
    locale: Locale,
  ): Promise<ExportTable> {
    const { report } = await this.definition(reportKey);
    const { rows } = await this.run(reportKey, datasetKey, params, user);
    return exportTable(report.datasets[datasetKey]!.definition, rows, locale);
  }

  /** What a designer may pick as a dataset source, with the fields the caller may read. */
  async sources(user: AuthenticatedUser): Promise<SourceEntry[]> {
    const forms: LoadedForm[] = [];
    for (const { key } of await this.forms.list()) {
      const form = await this.forms.load(key);
      forms.push(form);
    }
    return sourceCatalogue(forms, user, OVERSEERS.some((role) => user.roles.includes(role)));
  }

  /** Runs an unsaved dataset (and draws an unsaved chart of it) for the designer's live preview. */
  async preview(
    body: unknown,
    user: AuthenticatedUser,
    locale: Locale,
  ): Promise<{ columns: PreviewColumn[]; rows: ResultRow[]; option?: Record<string, unknown> | null; kpi?: unknown; table?: unknown }> {
    const problems: Problem[] = [];
    const request = isObject(body) ? body : {};
    if (!isObject(request.dataset))
      problems.push({ code: 'schema.required', path: 'dataset', message: text('需要数据集定义', 'a dataset definition is required') });
    if (request.chart !== undefined && !isObject(request.chart))
      problems.push({ code: 'schema.type', path: 'chart', message: text('必须是对象', 'must be an object') });
    if (request.params !== undefined && !isObject(request.params))
      problems.push({ code: 'schema.type', path: 'params', message: text('必须是对象', 'must be an object') });
    if (problems.length)
      throw invalid('report.previewInvalid', text('预览定义不正确', 'The preview definition is not valid'), problems);
    const dataset = request.dataset as Record<string, unknown>;
    const datasetKey = typeof dataset.key === 'string' && dataset.key ? dataset.key : 'preview';
    const chart = request.chart as Record<string, unknown> | undefined;
    const draft = {
      key: 'preview',
      title: { 'zh-CN': '预览', en: 'Preview' },
      datasets: [{ ...dataset, key: datasetKey }],
      charts: chart
        ? [{ title: { 'zh-CN': '预览', en: 'Preview' }, ...chart, key: 'preview', dataset: datasetKey }]
        : [],
    };
    let compiled: CompiledReport;
    try {
      compiled = await this.compile(draft, 'report.previewInvalid');
    } catch (error) {
      if (error instanceof ApiError) {
        throw new ApiError(
          error.status,
          error.code,
          text('预览定义不正确', 'The preview definition is not valid'),
          error.details.map((detail) => ({
            ...detail,
            path: detail.path.replace(/^datasets\[0\]/, 'dataset').replace(/^charts\[0\]/, 'chart'),
          })),
        );
      }
      throw error;
    }
    const definition = compiled.definition.datasets[0]!;
    const appKey = await this.appOfSource(definition.source);
    const rows = await this.evaluate(
      appKey,
      compiled.datasets[datasetKey]!,
      (request.params as Record<string, unknown> | undefined) ?? {},
      user,
      'params',
    );
    const columns = columnsOf(definition);
    if (!chart) return { columns, rows };
    const drawn = this.draw(compiled.definition.charts![0]!, definition, rows, locale);
    return { columns, rows, ...drawn };
  }

  /** Runs every widget of a dashboard with its shared filters, each over what the caller may see. */
  async runDashboard(
    reportKey: string,
    dashboardKey: string,
    filters: Record<string, unknown>,
    user: AuthenticatedUser,
    locale: Locale,
  ): Promise<DashboardRun> {
    const { appKey, report } = await this.definition(reportKey);
    const dashboard = report.definition.dashboards?.find((candidate) => candidate.key === dashboardKey);
    if (!dashboard)
      throw notFound(text(`仪表盘“${dashboardKey}”不存在`, `No dashboard "${dashboardKey}"`), 'report.dashboardNotFound');
    const unknown = Object.keys(filters).filter((key) => !dashboard.filters?.some((filter) => filter.key === key));
    if (unknown.length) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'report.filterUnknown',
        text('仪表盘没有这些筛选器', 'The dashboard has no such filters'),
        unknown.map((key) => ({
          path: `filters.${key}`,
          code: 'filter.unknown',
          message: text(`没有筛选器“${key}”`, `No filter "${key}"`),
        })),
      );
    }
    const plan = planDashboard(report.definition, dashboardKey, filters);
    const keys = panelKeys(plan.map((entry) => entry.chart.key));
    // Panels run side by side, a few at a time (each is one query on the connection pool), in order.
    const panels = await mapConcurrently(plan, PANEL_CONCURRENCY, async (entry, index): Promise<DashboardPanel> => {
      const { widget, chart, dataset } = entry;
      const panel: DashboardPanel = {
        key: keys[index]!,
        title: chart.title,
        chart: chart.key,
        type: chart.type,
        layout: { x: widget.x, y: widget.y, w: widget.w, h: widget.h },
        option: null,
        rows: [],
      };
      try {
        const compiled = report.datasets[dataset.key]!;
        const [rows, previousRows] = await Promise.all([
          this.evaluate(appKey, compiled, entry.params, user, 'filters'),
          entry.previousParams ? this.evaluate(appKey, compiled, entry.previousParams, user, 'filters') : undefined,
        ]);
        return { ...panel, rows, ...this.draw(chart, dataset, rows, locale, previousRows) };
      } catch (error) {
        if (error instanceof ApiError && error.status === HttpStatus.FORBIDDEN)
          return { ...panel, error: { code: error.code, message: error.messages } };
        throw error;
      }
    });
    return {
      key: dashboard.key,
      title: dashboard.title,
      filters: (dashboard.filters ?? []).map((filter) => ({
        key: filter.key,
        label: filter.label,
        type: filter.type,
        value: Object.prototype.hasOwnProperty.call(filters, filter.key) ? filters[filter.key] : (filter.default ?? null),
      })),
      panels,
    };
  }

  /**
   * The record list behind a clicked point of a dashboard panel: the form and a JSON-logic filter
   * (the dataset's filter with the dashboard's filter values, and the point's dimension values).
   */
  async drill(
    reportKey: string,
    dashboardKey: string,
    panelKey: string,
    point: Record<string, unknown>,
    filters: Record<string, unknown>,
    user: AuthenticatedUser,
  ): Promise<{ formKey: string; filter: unknown }> {
    const { report } = await this.definition(reportKey);
    const dashboard = report.definition.dashboards?.find((candidate) => candidate.key === dashboardKey);
    if (!dashboard)
      throw notFound(text(`仪表盘“${dashboardKey}”不存在`, `No dashboard "${dashboardKey}"`), 'report.dashboardNotFound');
    const plan = planDashboard(report.definition, dashboardKey, filters);
    const keys = panelKeys(plan.map((entry) => entry.chart.key));
    const entry = plan[keys.indexOf(panelKey)];
    if (!entry)
      throw notFound(text(`仪表盘上没有组件“${panelKey}”`, `No panel "${panelKey}" on the dashboard`), 'report.panelNotFound');
    const dataset = report.datasets[entry.dataset.key]!;
    const source = dataset.definition.source;
    if (source.type !== 'records') {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'report.drillUnsupported',
        text('只能下钻到表单记录', 'Only panels over form records drill down to a record list'),
        [{ path: 'panel', code: 'drill.source', message: text('数据源不是表单记录', 'the source is not form records') }],
      );
    }
    // The same permission check as a run: a user who may not list the records gets no filter for them.
    await this.requireReadable(source.form, user);
    const filter = withParameters('filters', () => drillFilter(dataset, entry.params, point));
    return { formKey: source.form, filter };
  }

  private draw(
    chart: ChartDefinition,
    dataset: DatasetDefinition,
    rows: ResultRow[],
    locale: Locale,
    previousRows?: ResultRow[],
  ): { option: Record<string, unknown> | null; kpi?: unknown; table?: unknown } {
    const output = buildChart({ chart, dataset, rows, locale, previousRows });
    if (output.kind === 'table') return { option: null, table: output.table };
    if (output.kind === 'kpi') return { option: output.option, kpi: output.kpi };
    return { option: output.option };
  }

  private async appOfSource(source: SourceDefinition): Promise<string | undefined> {
    if (!('form' in source)) return undefined;
    return (await this.loadForm(source.form))?.appKey;
  }

  /**
   * The one way every run, export, preview, dashboard panel and drill-down computes a dataset for
   * a caller: in the database with `toSql` when that gives exactly the rows the caller's projected
   * records would give, else (a field masked for the caller) over the projected records in memory.
   */
  private async evaluate(
    appKey: string | undefined,
    dataset: CompiledDataset,
    params: Record<string, unknown>,
    user: AuthenticatedUser,
    paramsPath: string,
  ): Promise<ResultRow[]> {
    const now = new Date();
    const source = dataset.definition.source;
    if (source.type === 'records' || source.type === 'subformRows') {
      const form = await this.requireReadable(source.form, user);
      const audience = { role: rolesIn(user, form.appKey) };
      const scope = await scopeOf(this.dataSource.manager, user, form.appKey);
      const plan = await this.sqlPlan(form, dataset, audience, scope, user);
      if (plan.kind === 'memory') {
        const rows = await this.projectedRows(form, audience, scope, user);
        return withParameters(paramsPath, () => evaluateInMemory(dataset, rows, params, { now }));
      }
      if (plan.kind === 'empty') return withParameters(paramsPath, () => evaluateInMemory(dataset, [], params, { now }));
      const restrict = [scopeRule(scope, user)];
      if (plan.versions) restrict.push({ in: [{ var: '$formVersion' }, plan.versions] });
      const compiled = plan.access.size
        ? withFieldAccess(dataset, (path) => plan.access.get(path) ?? 'read')
        : dataset;
      return this.runSql(compiled, params, allOf(restrict), now, paramsPath);
    }
    this.requireOverseer(user);
    // Process instances and tasks of the report's app only; audit events are not per app.
    const restrict = source.type === 'auditEvents' || !appKey ? undefined : { '==': [{ var: '$appKey' }, appKey] };
    return this.runSql(dataset, params, restrict, now, paramsPath);
  }

  private async runSql(
    dataset: CompiledDataset,
    params: Record<string, unknown>,
    restrict: Rule | undefined,
    now: Date,
    paramsPath: string,
  ): Promise<ResultRow[]> {
    const query = withParameters(paramsPath, () => toSql(dataset, params, { restrict, now }));
    return this.reads.query<ResultRow>(query.text, query.values);
  }

  /**
   * How the dataset runs in SQL for this reader. The fields it reads are checked in every version
   * of the form; only when one is not in clear everywhere are the versions present in the
   * reader's scope looked up (one indexed query) and the check repeated over those alone.
   */
  private async sqlPlan(
    form: LoadedForm,
    dataset: CompiledDataset,
    audience: { role: string[] },
    scope: RecordScope,
    user: AuthenticatedUser,
  ): Promise<SqlPlan> {
    const paths = pathsRead(dataset);
    const reads = paths && fieldReads(dataset.definition.source, paths);
    if (!reads) return { kind: 'memory', masked: [] };
    const visibility = async (version: number) =>
      visibilityIn(
        (version === form.version ? form : await this.forms.load(form.key, version)).compiled,
        audience,
        dataset.definition.source,
        reads,
      );
    const all = new Map<number, Map<string, Visibility>>();
    for (const { version } of await this.forms.versions(form.key)) all.set(version, await visibility(version));
    const everywhere = planFor(all);
    if (everywhere.kind === 'sql' && everywhere.access.size === 0 && !everywhere.versions) return everywhere;
    const values: unknown[] = [form.key];
    const condition = scopeCondition(scope, user, values);
    const present = await this.reads.query<{ form_version: number }>(
      `SELECT DISTINCT form_version FROM record WHERE form_key = $1 AND deleted_at IS NULL AND ${condition}`,
      values,
    );
    const byVersion = new Map<number, Map<string, Visibility>>();
    for (const { form_version: version } of present)
      byVersion.set(version, all.get(version) ?? (await visibility(version)));
    if (byVersion.size === 0) return { kind: 'empty' };
    return planFor(byVersion);
  }

  private requireOverseer(user: AuthenticatedUser): void {
    if (!OVERSEERS.some((role) => user.roles.includes(role))) {
      throw forbidden(
        'report.sourceForbidden',
        text(
          '只有主管和管理员可以统计流程、任务和审计数据',
          'Only supervisors and admins may report on processes, tasks and the audit log',
        ),
      );
    }
  }

  private async requireReadable(formKey: string, user: AuthenticatedUser): Promise<LoadedForm> {
    const form = await this.forms.load(formKey);
    const audience = { role: rolesIn(user, form.appKey) };
    if (!formAccess(form.compiled, audience).canRead) {
      throw forbidden(
        'record.formForbidden',
        text(
          `无权访问表单“${form.definition.title['zh-CN']}”的记录`,
          `You may not access records of the form "${form.definition.title.en}"`,
        ),
      );
    }
    return form;
  }

  /** The records of the caller's scope, each as the caller sees it through the record API. */
  private async projectedRows(
    form: LoadedForm,
    audience: { role: string[] },
    scope: RecordScope,
    user: AuthenticatedUser,
  ): Promise<SourceRow[]> {
    const values: unknown[] = [form.key];
    const condition = scopeCondition(scope, user, values);
    const rows = await this.reads.query<SourceRow & { form_version: number; data: unknown }>(
      `SELECT * FROM record WHERE form_key = $1 AND deleted_at IS NULL AND ${condition}`,
      values,
    );
    const projected: SourceRow[] = [];
    const versions = new Map<number, LoadedForm>([[form.version, form]]);
    for (const row of rows) {
      let written = versions.get(row.form_version);
      if (!written) {
        written = await this.forms.load(form.key, row.form_version);
        versions.set(row.form_version, written);
      }
      projected.push({ ...row, data: written.compiled.project(row.data, audience) });
    }
    return projected;
  }
}
