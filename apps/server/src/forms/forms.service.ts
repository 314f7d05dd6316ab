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
  id: string;
  app_key: string;
  form_key: string;
  version: number;
  definition: FormDefinition;
  created_at: Date;
  created_by: string;
}

const formNotFound = (key: string) => notFound(text(`表单“${key}”不存在`, `No form "${key}"`), 'form.notFound');

/**
 * Versioned form definitions. A stored row never changes, so each one is read, parsed and compiled
 * once per process and kept by its row id: a load then asks the database only which row is the
 * one wanted (a few bytes, from the index), not for the whole definition. Keying by row id rather
 * than by `key@version` keeps a version written by a transaction that rolled back from ever being
 * taken for the one that is saved later under the same number.
 */
@Injectable()
export class FormsService {
  private readonly loadedById = new Map<string, LoadedForm>();
  private readonly compiledById = new Map<string, CompiledForm>();

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
    const id = randomUUID();
    try {
      await manager.query(`SAVEPOINT form_save`);
      await manager.query(
        `INSERT INTO form_definition (id, app_key, form_key, version, definition, created_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, appKey, key, version, JSON.stringify(versioned), actor],
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
    this.compiledById.set(id, compiled);
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
    const [found] = (await manager.query(
      version === undefined
        ? `SELECT id FROM form_definition WHERE form_key = $1 ORDER BY version DESC LIMIT 1`
        : `SELECT id FROM form_definition WHERE form_key = $1 AND version = $2`,
      version === undefined ? [key] : [key, version],
    )) as { id: string }[];
    if (!found) throw formNotFound(version === undefined ? key : `${key}@${version}`);
    return this.loadedById.get(found.id) ?? (await this.loadRow(manager, found.id));
  }

  /**
   * The latest version, with values of the caller's own read in the same round trip: `extra` maps
   * a column name to a scalar SQL expression (typically a subquery) in which `$1` is the form key.
   */
  async loadLatestWith<T extends Record<string, unknown>>(
    key: string,
    extra: { [K in keyof T]: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ form: LoadedForm; extra: T }> {
    const columns = Object.entries(extra).map(([name, sql]) => `${sql} AS "${name}"`);
    const [found] = (await manager.query(
      `SELECT id, ${columns.join(', ')} FROM form_definition WHERE form_key = $1 ORDER BY version DESC LIMIT 1`,
      [key],
    )) as ({ id: string } & T)[];
    if (!found) throw formNotFound(key);
    const { id, ...values } = found;
    return { form: this.loadedById.get(id) ?? (await this.loadRow(manager, id)), extra: values as unknown as T };
  }

  private async loadRow(manager: EntityManager, id: string): Promise<LoadedForm> {
    const [row] = (await manager.query(`SELECT * FROM form_definition WHERE id = $1`, [id])) as FormRow[];
    if (!row) throw formNotFound(id);
    let compiled = this.compiledById.get(id);
    if (!compiled) {
      compiled = compileForm(row.definition);
      this.compiledById.set(id, compiled);
    }
    // Shared by every later load of this version: frozen, so no caller can change it for the others.
    const loaded: LoadedForm = Object.freeze({ ...deepFreeze(fromRow(row)), compiled });
    this.loadedById.set(id, loaded);
    return loaded;
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

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
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
