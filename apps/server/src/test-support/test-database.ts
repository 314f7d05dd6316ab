import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseTarget } from '../core/database/data-source';

export interface TestDatabase {
  target: DatabaseTarget;
  kind: 'pglite' | 'postgres';
  /** Drops the throw-away schema or data directory. */
  cleanup(): Promise<void>;
}

/**
 * A fresh database for one test file: an embedded PGlite instance by default, or a throw-away
 * schema on the Postgres named by DATABASE_URL (which is how CI runs the tests).
 * `persistent` keeps a PGlite database on disk so a test can reopen it.
 */
export async function createTestDatabase(options: { persistent?: boolean } = {}): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return createPostgresSchema(url);
  return createPgliteDatabase(options);
}

/** An embedded database whatever DATABASE_URL says: in memory, or on disk when `persistent`. */
export async function createPgliteDatabase(options: { persistent?: boolean } = {}): Promise<TestDatabase> {
  if (!options.persistent) return { kind: 'pglite', target: {}, cleanup: async () => undefined };
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-test-'));
  return {
    kind: 'pglite',
    target: { dataDir },
    cleanup: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
  };
}

export async function createPostgresSchema(url: string): Promise<TestDatabase> {
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(url, (client) => client.query(`CREATE SCHEMA "${schema}"`));
  return {
    kind: 'postgres',
    target: { url, schema },
    cleanup: () =>
      withClient(url, (client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).then(() => undefined),
  };
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
