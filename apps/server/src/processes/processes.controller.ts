import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiError, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { ProcessDefinitionsService, type ProcessResources, type StoredProcess } from './process-definitions.service';
import { type InstanceRow, ProcessRuntimeService } from './process-runtime.service';
import { DeployQuery, StartInstanceDto } from './processes.dto';

const OVERSEERS = ['admin', 'supervisor'];

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
    incidents: Object.values(row.state.incidents ?? {}),
  };
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
  async list(@Query('appKey') appKey?: string): Promise<{ items: StoredProcess[] }> {
    return { items: await this.definitions.list(appKey) };
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
    return instanceView(await this.runtime.start(processKey, body, user));
  }

  @Get('instances/:id')
  async instance(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser) {
    const [row] = (await this.dataSource.query(`SELECT * FROM process_instance WHERE id = $1`, [id])) as InstanceRow[];
    const involved = row
      ? OVERSEERS.some((role) => user.roles.includes(role)) ||
        row.started_by === user.username ||
        (
          (await this.dataSource.query(
            `SELECT 1 FROM task WHERE instance_id = $1 AND $2 IN (assignee, owner, completed_by) LIMIT 1`,
            [id, user.username],
          )) as unknown[]
        ).length > 0
      : false;
    if (!row || !involved) throw notFound(text('流程实例不存在', 'No such process instance'), 'instance.notFound');
    const tasks = (await this.dataSource.query(
      `SELECT id, element_id, name, assignee, candidate_roles, status, created_at, due_at, completed_at, completed_by, outcome FROM task WHERE instance_id = $1 ORDER BY created_at`,
      [id],
    )) as Record<string, unknown>[];
    const history = (await this.dataSource.query(
      `SELECT at, kind, element_id, task_id, actor, event FROM process_history WHERE instance_id = $1 ORDER BY id`,
      [id],
    )) as Record<string, unknown>[];
    return {
      ...instanceView(row),
      tasks: tasks.map((task) => ({
        id: task.id,
        elementId: task.element_id,
        name: task.name,
        assignee: task.assignee,
        candidateRoles: task.candidate_roles,
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
