import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiError, forbidden, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { ProcessDefinitionsService, type ProcessResources, type StoredProcess } from './process-definitions.service';
import { type InstanceRow, ProcessRuntimeService } from './process-runtime.service';
import { isOverseer, participantParams, participantSql } from './instance-access';
import { loadLabels, processTitle } from './process-labels';
import { DeployQuery, InstanceQuery, StartInstanceDto } from './processes.dto';

function instanceView(row: InstanceRow) {
  return {
    id: row.id,
    appKey: row.app_key,
    processKey: row.process_key,
    processVersion: row.process_version,
    businessKey: row.business_key,
    status: row.status,
    outcome: row.outcome,
    variables: row.variables,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    startedBy: row.started_by,
    version: row.version,
    parentInstanceId: row.parent_instance_id ?? null,
    incidents: Object.values(row.state.incidents ?? {}),
  };
}

export interface ProcessSummary extends StoredProcess {
  title: { 'zh-CN': string; en: string };
  startFormKey: string | null;
  startRoles: string[] | null;
}

@ApiTags('processes')
@ApiBearerAuth()
@Controller()
export class ProcessesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly definitions: ProcessDefinitionsService,
    private readonly runtime: ProcessRuntimeService,
  ) {}

  @Post('processes')
  @Roles('designer')
  @ApiConsumes('application/xml', 'application/json')
  @ApiBody({ description: 'BPMN XML, or `{ xml, decisionTables?, ruleSets? }` as JSON' })
  @ApiUnprocessableEntityResponse({ description: 'process.invalid: every problem with its BPMN element id' })
  async deploy(
    @Query() query: DeployQuery,
    @Req() request: Request,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StoredProcess> {
    const body: unknown = request.body;
    const payload =
      typeof body === 'string' ? { xml: body } : (body as ({ xml?: unknown } & ProcessResources) | undefined);
    if (!payload || typeof payload.xml !== 'string' || !payload.xml.trim()) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'request.invalid',
        text('请求参数不正确', 'The request has invalid values'),
        [{ path: 'xml', code: 'validation.isString', message: text('缺少 BPMN XML', 'The BPMN XML is missing') }],
      );
    }
    const xml = payload.xml;
    return this.dataSource.transaction((manager) =>
      this.definitions.deploy(
        manager,
        query.appKey,
        xml,
        { decisionTables: payload.decisionTables, ruleSets: payload.ruleSets },
        user.id,
      ),
    );
  }

  @Get('processes')
  async list(@Query('appKey') appKey?: string): Promise<{ items: ProcessSummary[] }> {
    const stored = await this.definitions.list(appKey);
    const items: ProcessSummary[] = [];
    for (const process of stored) {
      const { appKey: _appKey, ...info } = await this.startInfo(process.key);
      items.push({ ...process, ...info });
    }
    return { items };
  }

  /** The title, the start event's form and the roles that may start the process (null: anyone signed in). */
  private async startInfo(processKey: string): Promise<Omit<ProcessSummary, keyof StoredProcess> & { appKey: string }> {
    const loaded = await this.definitions.load(processKey);
    const start =
      loaded.definition.startEvents.find((event) => event.kind === 'none') ?? loaded.definition.startEvents[0];
    const startFormKey = start ? (loaded.definition.elements[start.elementId]?.formKey ?? null) : null;
    const [app] = (await this.dataSource.query(
      `SELECT manifest -> 'navigation' AS navigation FROM app WHERE key = $1`,
      [loaded.appKey],
    )) as { navigation: { type?: string; process?: string; roles?: string[] }[] | null }[];
    const entries = (app?.navigation ?? []).filter(
      (entry) => entry.type === 'startProcess' && entry.process === processKey,
    );
    const startRoles =
      entries.length && entries.every((entry) => entry.roles?.length)
        ? [...new Set(entries.flatMap((entry) => entry.roles ?? []))]
        : null;
    return {
      title: processTitle(loaded.key, loaded.name, loaded.xml),
      startFormKey,
      startRoles,
      appKey: loaded.appKey,
    };
  }

  @Get('processes/:processKey')
  async get(@Param('processKey') processKey: string) {
    const { definition: _definition, ...stored } = await this.definitions.load(processKey);
    return stored;
  }

  @Post('processes/:processKey/instances')
  async start(
    @Param('processKey') processKey: string,
    @Body() body: StartInstanceDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    const { startRoles, appKey } = await this.startInfo(processKey);
    if (
      startRoles &&
      !user.roles.includes('admin') &&
      !startRoles.some((role) => rolesIn(user, appKey).includes(role))
    ) {
      throw forbidden(
        'process.startForbidden',
        text(`只有 ${startRoles.join('、')} 可以发起此流程`, `Only ${startRoles.join(', ')} may start this process`),
      );
    }
    return instanceView(await this.runtime.start(processKey, body, user));
  }

  @Get('instances')
  async instances(@Query() query: InstanceQuery, @CurrentUser() user: AuthenticatedUser) {
    const conditions: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      conditions.push(sql.replace('?', `$${params.length}`));
    };
    if (query.processKey) add('instance.process_key = ?', query.processKey);
    if (query.businessKey) add('instance.business_key = ?', query.businessKey);
    if (query.parentId) add('instance.parent_instance_id = ?::uuid', query.parentId);
    if (query.status) add('instance.status = ?', query.status);
    if (!isOverseer(user)) {
      const base = params.length;
      params.push(...participantParams(user));
      conditions.push(participantSql(base + 1, base + 2, base + 3));
    }
    const rows = (await this.dataSource.query(
      `SELECT * FROM process_instance instance ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''} ORDER BY started_at DESC, id LIMIT 200`,
      params,
    )) as InstanceRow[];
    const labels = await loadLabels(this.dataSource.manager, {
      processKeys: rows.map((row) => row.process_key),
      appKeys: [],
      formKeys: [],
    });
    return { items: rows.map((row) => ({ ...instanceView(row), processTitle: labels.process(row.process_key) })) };
  }

  @Post('instances/:id/incidents/:incidentId/retry')
  @HttpCode(200)
  @Roles('supervisor')
  async retryIncident(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Param('incidentId') incidentId: string,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return instanceView(
      await this.dataSource.transaction((manager) => this.runtime.retryIncident(manager, id, incidentId, user.id)),
    );
  }

  @Get('instances/:id')
  async instance(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser) {
    const [row] = (await this.dataSource.query(`SELECT * FROM process_instance WHERE id = $1`, [id])) as InstanceRow[];
    if (!row) throw notFound(text('流程实例不存在', 'No such process instance'), 'instance.notFound');
    if (!isOverseer(user)) {
      const [seen] = (await this.dataSource.query(
        `SELECT 1 AS ok FROM process_instance instance WHERE instance.id = $4 AND ${participantSql(1, 2, 3)}`,
        [...participantParams(user), id],
      )) as unknown[];
      if (!seen)
        throw forbidden('instance.forbidden', text('您未参与此流程实例', 'You take no part in this process instance'));
    }
    const links = (await this.dataSource.query(
      `SELECT id, process_key, business_key, status, started_at, ended_at, parent_call_id FROM process_instance WHERE parent_instance_id = $1 OR id = $2 ORDER BY started_at`,
      [id, row.parent_instance_id ?? id],
    )) as {
      id: string;
      process_key: string;
      business_key: string | null;
      status: string;
      started_at: Date;
      ended_at: Date | null;
      parent_call_id: string | null;
    }[];
    const link = (child: (typeof links)[number]) => ({
      id: child.id,
      processKey: child.process_key,
      businessKey: child.business_key,
      status: child.status,
      startedAt: child.started_at,
      endedAt: child.ended_at,
    });
    const parent = row.parent_instance_id
      ? links.find((candidate) => candidate.id === row.parent_instance_id)
      : undefined;
    const children = links.filter((candidate) => candidate.id !== id && candidate.id !== row.parent_instance_id);
    const tasks = (await this.dataSource.query(
      `SELECT id, app_key, element_id, name, form_key, assignee, candidate_roles, status, created_at, due_at, completed_at, completed_by, outcome, escalated, escalated_at, escalated_to FROM task WHERE instance_id = $1 ORDER BY created_at`,
      [id],
    )) as Record<string, unknown>[];
    const history = (await this.dataSource.query(
      `SELECT at, kind, element_id, task_id, actor, event FROM process_history WHERE instance_id = $1 ORDER BY id`,
      [id],
    )) as Record<string, unknown>[];
    const labels = await loadLabels(this.dataSource.manager, {
      processKeys: [
        row.process_key,
        ...children.map((child) => child.process_key),
        ...(parent ? [parent.process_key] : []),
      ],
      appKeys: [row.app_key],
      formKeys: tasks.map((task) => task.form_key as string | null),
    });
    const titled = (child: (typeof links)[number]) => ({
      ...link(child),
      processTitle: labels.process(child.process_key),
    });
    return {
      ...instanceView(row),
      processTitle: labels.process(row.process_key),
      parent: parent ? titled(parent) : null,
      children: children.map(titled),
      tasks: tasks.map((task) => ({
        id: task.id,
        elementId: task.element_id,
        name: task.name,
        assignee: task.assignee,
        candidateRoles: task.candidate_roles,
        candidateRoleLabels: (task.candidate_roles as string[]).map((key) => ({
          key,
          label: labels.role(row.app_key, key),
        })),
        formTitle: labels.form(task.form_key as string | null),
        escalated: task.escalated,
        escalatedAt: task.escalated_at,
        escalatedTo: task.escalated_to,
        status: task.status,
        createdAt: task.created_at,
        dueAt: task.due_at,
        completedAt: task.completed_at,
        completedBy: task.completed_by,
        outcome: task.outcome,
      })),
      history: history.map((event) => ({
        at: event.at,
        kind: event.kind,
        elementId: event.element_id,
        taskId: event.task_id,
        by: event.actor,
        event: event.event,
      })),
    };
  }
}
