import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiError } from '../errors/api-error';
import { text } from '../errors/localized';

/** The versioned definition tables and the column that holds each one's key. */
const versionedTables = {
  form: { table: 'form_definition', keyColumn: 'form_key', what: { zh: '表单', en: 'form' } },
  process: { table: 'process_definition', keyColumn: 'process_key', what: { zh: '流程', en: 'process' } },
} as const;

/**
 * The version a new definition of `key` gets in `appKey`: one past the latest, or 1. A key that
 * already belongs to another app is a 409, so apps never overwrite each other's definitions.
 */
export async function nextDefinitionVersion(
  manager: EntityManager,
  kind: keyof typeof versionedTables,
  appKey: string,
  key: string,
): Promise<number> {
  const { table, keyColumn, what } = versionedTables[kind];
  const [latest] = (await manager.query(
    `SELECT app_key, version FROM ${table} WHERE ${keyColumn} = $1 ORDER BY version DESC LIMIT 1`,
    [key],
  )) as { app_key: string; version: number }[];
  if (latest && latest.app_key !== appKey) {
    throw new ApiError(
      HttpStatus.CONFLICT,
      `${kind}.keyTaken`,
      text(`${what.zh}“${key}”已属于应用 ${latest.app_key}`, `The ${what.en} key "${key}" belongs to app ${latest.app_key}`),
    );
  }
  return (latest?.version ?? 0) + 1;
}
