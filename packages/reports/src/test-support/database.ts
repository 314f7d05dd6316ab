/**
 * A throw-away database for tests: a fresh PGlite by default, or a fresh schema of the
 * Postgres named by DATABASE_URL, with the tables the Tessera server creates.
 */
import { PGlite } from '@electric-sql/pglite';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  kind: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  insert(table: string, rows: Record<string, unknown>[]): Promise<void>;
  close(): Promise<void>;
}

export const tableDefinitions = `
CREATE TABLE record (
  id uuid PRIMARY KEY, app_key text, form_key text NOT NULL, form_version int, data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, created_by text, owner_id text,
  department_id text, version int NOT NULL DEFAULT 1, deleted_at timestamptz NULL
);
CREATE TABLE process_instance (
  id uuid PRIMARY KEY, app_key text, process_key text NOT NULL, process_version int, business_key text,
  status text NOT NULL, state jsonb, variables jsonb, started_at timestamptz NOT NULL, ended_at timestamptz NULL,
  started_by text, version int NOT NULL DEFAULT 1
);
CREATE TABLE task (
  id uuid PRIMARY KEY, instance_id uuid, app_key text, process_key text, element_id text, name jsonb, form_key text NULL,
  assignee text NULL, candidate_roles text[], candidate_users text[], status text NOT NULL,
  created_at timestamptz NOT NULL, due_at timestamptz NULL, completed_at timestamptz NULL, completed_by text NULL,
  outcome text NULL, data jsonb
);
CREATE TABLE audit_event (
  seq bigserial PRIMARY KEY, id uuid, at timestamptz NOT NULL, actor text, action text, entity_type text,
  entity_id text, before jsonb, after jsonb, prev_hash text, hash text
);
`;

const jsonColumns = new Set(['data', 'state', 'variables', 'name', 'before', 'after']);

function insertStatement(table: string, rows: Record<string, unknown>[]): { text: string; values: unknown[] } {
  const columns = Object.keys(rows[0]!);
  const values: unknown[] = [];
  const tuples = rows.map(
    (row) =>
      `(${columns
        .map((column) => {
          const value = row[column];
          values.push(
            jsonColumns.has(column) && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null),
          );
          return `$${values.length}${jsonColumns.has(column) ? '::jsonb' : ''}`;
        })
        .join(', ')})`,
  );
  return { text: `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values };
}

async function insertInBatches(
  database: Pick<TestDatabase, 'query'>,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  const batch = Math.max(1, Math.floor(30000 / Object.keys(rows[0]!).length));
  for (let start = 0; start < rows.length; start += batch) {
    const statement = insertStatement(table, rows.slice(start, start + batch));
    await database.query(statement.text, statement.values);
  }
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    const schema = `reports_test_${randomUUID().replace(/-/g, '')}`;
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    await client.query(tableDefinitions);
    const database: TestDatabase = {
      kind: 'postgres',
      query: async (text, values) => (await client.query(text, values)).rows,
      insert: (table, rows) => insertInBatches(database, table, rows),
      close: async () => {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      },
    };
    return database;
  }
  const pglite = new PGlite();
  await pglite.exec(tableDefinitions);
  const database: TestDatabase = {
    kind: 'pglite',
    query: async <T>(text: string, values?: unknown[]) => (await pglite.query<T>(text, values)).rows,
    insert: (table, rows) => insertInBatches(database, table, rows),
    close: () => pglite.close(),
  };
  return database;
}
