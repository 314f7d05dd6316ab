import { randomUUID } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { compileForm, type CompiledForm, type FormDefinition } from '@tessera/forms';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError, notFound } from '../core/errors/api-error';
import { compiling } from '../core/errors/definition-error';
import { text } from '../core/errors/localized';
import { nextDefinitionVersion } from '../core/definitions/next-version';

export interface StoredForm {
  appKey: string;
  key: string;
  version: number;
  definition: FormDefinition;
  createdAt: Date;
  createdBy: string;
}

export interface LoadedForm extends StoredForm {
  compiled: CompiledForm;
}

interface FormRow {
  app_key: string;
  form_key: string;
  version: number;
  definition: FormDefinition;
  created_at: Date;
  created_by: string;
}

const formNotFound = (key: string) => notFound(text(`表单“${key}”不存在`, `No form "${key}"`), 'form.notFound');

/** Versioned form definitions; compiled forms are cached, as a stored version never changes. */
@Injectable()
export class FormsService {
  private readonly compiledCache = new Map<string, CompiledForm>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Saves a definition as the form's next version (version 1 for a new form). */
  async save(manager: EntityManager, appKey: string, definition: unknown, actor: string): Promise<StoredForm> {
    const key = (definition as { key?: unknown } | null)?.key;
    if (typeof key !== 'string' || !key) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'form.invalid',
        text('表单定义不正确', 'The form definition is not valid'),
        [{ path: 'key', code: 'definition.required', message: text('缺少表单键', 'The form key is missing') }],
      );
    }
    const version = await nextDefinitionVersion(manager, 'form', appKey, key);
    const versioned = { ...(definition as object), version } as FormDefinition;
    const compiled = compiling('form.invalid', text('表单定义不正确', 'The form definition is not valid'), () =>
      compileForm(versioned),
    );
    try {
      await manager.query(`SAVEPOINT form_save`);
      await manager.query(
        `INSERT INTO form_definition (id, app_key, form_key, version, definition, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [randomUUID(), appKey, key, version, JSON.stringify(versioned), actor],
      );
      await manager.query(`RELEASE SAVEPOINT form_save`);
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT form_save`);
      if ((error as { code?: string }).code === '23505') {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'form.versionConflict',
          text('表单同时被另一人保存，请重试', 'The form was saved by someone else at the same time; try again'),
        );
      }
      throw error;
    }
    this.compiledCache.set(`${key}@${version}`, compiled);
    await this.audit.append(manager, {
      actor,
      action: 'form.save',
      entityType: 'form',
      entityId: `${key}@${version}`,
      after: { appKey, version },
    });
    return { appKey, key, version, definition: versioned, createdAt: new Date(), createdBy: actor };
  }

  /** The latest version, or the given one; 404 when there is none. */
  async load(key: string, version?: number, manager: EntityManager = this.dataSource.manager): Promise<LoadedForm> {
    const rows = (await manager.query(
      version === undefined
        ? `SELECT * FROM form_definition WHERE form_key = $1 ORDER BY version DESC LIMIT 1`
        : `SELECT * FROM form_definition WHERE form_key = $1 AND version = $2`,
      version === undefined ? [key] : [key, version],
    )) as FormRow[];
    const row = rows[0];
    if (!row) throw formNotFound(version === undefined ? key : `${key}@${version}`);
    const cacheKey = `${row.form_key}@${row.version}`;
    let compiled = this.compiledCache.get(cacheKey);
    if (!compiled) {
      compiled = compileForm(row.definition);
      this.compiledCache.set(cacheKey, compiled);
    }
    return { ...fromRow(row), compiled };
  }

  async versions(key: string): Promise<{ version: number; createdAt: Date; createdBy: string }[]> {
    const rows = (await this.dataSource.query(
      `SELECT version, created_at, created_by FROM form_definition WHERE form_key = $1 ORDER BY version`,
      [key],
    )) as FormRow[];
    if (!rows.length) throw formNotFound(key);
    return rows.map((row) => ({ version: row.version, createdAt: row.created_at, createdBy: row.created_by }));
  }

  async list(appKey?: string): Promise<{ appKey: string; key: string; version: number; title: unknown }[]> {
    const rows = (await this.dataSource.query(
      `SELECT DISTINCT ON (form_key) app_key, form_key, version, definition FROM form_definition
       ${appKey ? 'WHERE app_key = $1' : ''} ORDER BY form_key, version DESC`,
      appKey ? [appKey] : [],
    )) as FormRow[];
    return rows.map((row) => ({
      appKey: row.app_key,
      key: row.form_key,
      version: row.version,
      title: row.definition.title,
    }));
  }
}

function fromRow(row: FormRow): StoredForm {
  return {
    appKey: row.app_key,
    key: row.form_key,
    version: row.version,
    definition: row.definition,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
}
