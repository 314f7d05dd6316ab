import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  compileReport,
  evaluateInMemory,
  exportTable,
  ParameterError,
  type CompiledReport,
  type ExportTable,
  type ResultRow,
  type SourceRow,
} from '@tessera/reports';
import type { Locale } from '@tessera/rules';
import { DataSource } from 'typeorm';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import { ApiError, forbidden, notFound } from '../core/errors/api-error';
import { compiling } from '../core/errors/definition-error';
import { text } from '../core/errors/localized';
import { FormsService } from '../forms/forms.service';
import { formAccess } from '../records/form-access';
import { scopeCondition, scopeOf } from '../records/record-scope';

/** Roles that may report over process instances, tasks and the audit log. */
const OVERSEERS = ['admin', 'supervisor'];

/**
 * Runs report datasets over exactly what the caller may see through the record API: the rows of
 * their record scope, with their projection of each record (hidden fields absent, masks applied).
 * A report can therefore never show more than the record list would.
 */
@Injectable()
export class ReportsService {
  private readonly compiled = new Map<string, CompiledReport>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
  ) {}

  async definition(reportKey: string): Promise<{ appKey: string; report: CompiledReport }> {
    const [row] = (await this.dataSource.query(
      `SELECT app_key, hash, definition FROM app_artifact WHERE kind = 'report' AND key = $1`,
      [reportKey],
    )) as {
      app_key: string;
      hash: string;
      definition: unknown;
    }[];
    if (!row) throw notFound(text(`报表“${reportKey}”不存在`, `No report "${reportKey}"`), 'report.notFound');
    const cacheKey = `${reportKey}@${row.hash}`;
    let report = this.compiled.get(cacheKey);
    if (!report) {
      const schemas = new Map<string, Awaited<ReturnType<FormsService['load']>>['compiled']['variableSchema']>();
      const definition = row.definition as { datasets?: { source?: { type?: string; form?: string } }[] };
      for (const dataset of definition.datasets ?? []) {
        const form = dataset.source?.form;
        if (form && !schemas.has(form)) schemas.set(form, (await this.forms.load(form)).compiled.variableSchema);
      }
      report = compiling('report.invalid', text('报表定义不正确', 'The report definition is not valid'), () =>
        compileReport(row.definition, {
          schemaFor: (source) => ('form' in source ? schemas.get(source.form) : undefined),
        }),
      );
      this.compiled.set(cacheKey, report);
    }
    return { appKey: row.app_key, report };
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
    const rows = await this.visibleRows(appKey, dataset.definition.source, user);
    try {
      return { rows: evaluateInMemory(dataset, rows, params, { now: new Date() }) };
    } catch (error) {
      if (error instanceof ParameterError) {
        const problems =
          (
            error as unknown as {
              problems?: { path?: string; code: string; message: { 'zh-CN': string; en: string } }[];
            }
          ).problems ?? [];
        throw new ApiError(
          HttpStatus.BAD_REQUEST,
          'report.parameterInvalid',
          text('报表参数不正确', 'The report parameters are not valid'),
          problems.map((problem) => ({
            path: `params.${problem.path ?? ''}`,
            code: problem.code,
            message: problem.message,
          })),
        );
      }
      throw error;
    }
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

  private async visibleRows(
    appKey: string,
    source: { type: string; form?: string },
    user: AuthenticatedUser,
  ): Promise<SourceRow[]> {
    if (source.type === 'records' || source.type === 'subformRows') {
      const form = await this.forms.load(source.form!);
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
      const values: unknown[] = [form.key];
      const condition = scopeCondition(await scopeOf(this.dataSource.manager, user, form.appKey), user, values);
      const rows = (await this.dataSource.query(
        `SELECT * FROM record WHERE form_key = $1 AND deleted_at IS NULL AND ${condition}`,
        values,
      )) as (SourceRow & {
        form_version: number;
        data: unknown;
      })[];
      const projected: SourceRow[] = [];
      for (const row of rows) {
        const written = await this.forms.load(form.key, row.form_version);
        projected.push({ ...row, data: written.compiled.project(row.data, audience) });
      }
      return projected;
    }
    if (!OVERSEERS.some((role) => user.roles.includes(role))) {
      throw forbidden(
        'report.sourceForbidden',
        text(
          '只有主管和管理员可以统计流程、任务和审计数据',
          'Only supervisors and admins may report on processes, tasks and the audit log',
        ),
      );
    }
    const table = { processInstances: 'process_instance', tasks: 'task', auditEvents: 'audit_event' }[source.type];
    if (!table) return [];
    const appFilter = source.type === 'auditEvents' ? '' : 'WHERE app_key = $1';
    return (await this.dataSource.query(
      `SELECT * FROM ${table} ${appFilter}`,
      appFilter ? [appKey] : [],
    )) as SourceRow[];
  }
}
