import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compileProcess, type ProcessDefinition } from '@tessera/process';
import { DefinitionError, type DecisionTableDefinition, type RuleSetDefinition } from '@tessera/rules';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { nextDefinitionVersion } from '../core/definitions/next-version';

export interface ProcessResources {
  decisionTables?: Record<string, DecisionTableDefinition>;
  ruleSets?: Record<string, RuleSetDefinition>;
}

export interface StoredProcess {
  appKey: string;
  key: string;
  version: number;
  name: string | null;
  createdAt: Date;
  createdBy: string;
}

export interface LoadedProcess extends StoredProcess {
  xml: string;
  definition: ProcessDefinition;
}

interface DefinitionRow {
  app_key: string;
  process_key: string;
  version: number;
  name: string | null;
  xml: string;
  resources: ProcessResources;
  created_at: Date;
  created_by: string;
}

const invalidProcess = text('流程定义不正确', 'The process definition is not valid');

async function compile(xml: string, resources: ProcessResources): Promise<ProcessDefinition> {
  try {
    return await compileProcess(xml, { decisionTables: resources.decisionTables, ruleSets: resources.ruleSets });
  } catch (error) {
    if (error instanceof DefinitionError)
      throw ApiError.fromProblems(HttpStatus.UNPROCESSABLE_ENTITY, 'process.invalid', invalidProcess, error.problems);
    throw error;
  }
}

/** Deployed BPMN, versioned: a running instance keeps the version it started with. */
@Injectable()
export class ProcessDefinitionsService {
  private readonly compiledCache = new Map<string, Promise<ProcessDefinition>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async deploy(
    manager: EntityManager,
    appKey: string,
    xml: string,
    resources: ProcessResources,
    actor: string,
  ): Promise<StoredProcess> {
    const definition = await compile(xml, resources);
    const key = definition.id;
    const version = await nextDefinitionVersion(manager, 'process', appKey, key);
    await manager.query(
      `INSERT INTO process_definition (id, app_key, process_key, version, name, xml, resources, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [randomUUID(), appKey, key, version, definition.name ?? null, xml, JSON.stringify(resources), actor],
    );
    this.compiledCache.set(`${key}@${version}`, Promise.resolve(definition));
    await this.audit.append(manager, {
      actor,
      action: 'process.deploy',
      entityType: 'process',
      entityId: `${key}@${version}`,
      after: { appKey, version },
    });
    return { appKey, key, version, name: definition.name ?? null, createdAt: new Date(), createdBy: actor };
  }

  async load(key: string, version?: number, manager: EntityManager = this.dataSource.manager): Promise<LoadedProcess> {
    const rows = (await manager.query(
      version === undefined
        ? `SELECT * FROM process_definition WHERE process_key = $1 ORDER BY version DESC LIMIT 1`
        : `SELECT * FROM process_definition WHERE process_key = $1 AND version = $2`,
      version === undefined ? [key] : [key, version],
    )) as DefinitionRow[];
    const row = rows[0];
    if (!row) throw notFound(text(`流程“${key}”不存在`, `No process "${key}"`), 'process.notFound');
    const cacheKey = `${row.process_key}@${row.version}`;
    let compiled = this.compiledCache.get(cacheKey);
    if (!compiled) {
      compiled = compile(row.xml, row.resources);
      this.compiledCache.set(cacheKey, compiled);
    }
    return { ...fromRow(row), xml: row.xml, definition: await compiled };
  }

  async list(appKey?: string, manager: EntityManager = this.dataSource.manager): Promise<StoredProcess[]> {
    const rows = (await manager.query(
      `SELECT DISTINCT ON (process_key) * FROM process_definition ${appKey ? 'WHERE app_key = $1' : ''} ORDER BY process_key, version DESC`,
      appKey ? [appKey] : [],
    )) as DefinitionRow[];
    return rows.map(fromRow);
  }
}

function fromRow(row: DefinitionRow): StoredProcess {
  return {
    appKey: row.app_key,
    key: row.process_key,
    version: row.version,
    name: row.name,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
