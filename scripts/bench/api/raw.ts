/**
 * The raw ceiling: the rows the server writes, written by node-postgres directly, one transaction
 * per step, into a copy of the server's tables (same columns, indexes and foreign keys) in a schema
 * of their own, so the server's counts and audit chain are left alone.
 */
import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import { auditHash } from '../../../apps/server/src/audit/audit-hash';

export const rawSchema = 'bench_raw';

const tables = ['record', 'audit_event', 'audit_chain_head', 'process_instance', 'task', 'process_history', 'job', 'external_job', 'notification'];

export async function createRawSchema(pool: Pool): Promise<void> {
  await pool.query(`CREATE SCHEMA ${rawSchema}`);
  for (const table of tables) await pool.query(`CREATE TABLE ${rawSchema}.${table} (LIKE public.${table} INCLUDING ALL)`);
  await pool.query(`ALTER TABLE ${rawSchema}.task ADD FOREIGN KEY (instance_id) REFERENCES ${rawSchema}.process_instance (id)`);
  await pool.query(`ALTER TABLE ${rawSchema}.process_history ADD FOREIGN KEY (instance_id) REFERENCES ${rawSchema}.process_instance (id)`);
  await pool.query(`ALTER TABLE ${rawSchema}.external_job ADD FOREIGN KEY (instance_id) REFERENCES ${rawSchema}.process_instance (id)`);
  await pool.query(`INSERT INTO ${rawSchema}.audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64))`);
}

export async function dropRawSchema(pool: Pool): Promise<void> {
  await pool.query(`DROP SCHEMA IF EXISTS ${rawSchema} CASCADE`);
}

type Row = Record<string, unknown>;

/** Column types of the server's tables, so JSONB values are sent as JSON and text[] as arrays. */
export async function jsonColumns(pool: Pool): Promise<Map<string, Set<string>>> {
  const { rows } = await pool.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type = 'jsonb'`,
  );
  const map = new Map<string, Set<string>>();
  for (const row of rows) {
    if (!map.has(row.table_name)) map.set(row.table_name, new Set());
    map.get(row.table_name)!.add(row.column_name);
  }
  return map;
}

function valueFor(json: Set<string> | undefined, column: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return json?.has(column) ? JSON.stringify(value) : value;
}

async function insertRows(client: PoolClient, json: Map<string, Set<string>>, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const values: unknown[] = [];
  const tuples = rows.map(
    (row) => `(${columns.map((column) => `$${values.push(valueFor(json.get(table), column, row[column]))}`).join(', ')})`,
  );
  await client.query(`INSERT INTO ${rawSchema}.${table} (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${tuples.join(', ')}`, values);
}

async function updateRow(client: PoolClient, json: Map<string, Set<string>>, table: string, row: Row): Promise<void> {
  const values: unknown[] = [row.id];
  const assignments = Object.keys(row)
    .filter((column) => column !== 'id')
    .map((column) => `"${column}" = $${values.push(valueFor(json.get(table), column, row[column]))}`);
  await client.query(`UPDATE ${rawSchema}.${table} SET ${assignments.join(', ')} WHERE id = $1`, values);
}

export interface AuditContent {
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The audit append the server does: lock the chain head, hash, insert, move the head. */
async function appendAudit(client: PoolClient, entry: AuditContent): Promise<void> {
  const { rows } = await client.query<{ last_seq: string; last_hash: string }>(
    `SELECT last_seq, last_hash FROM ${rawSchema}.audit_chain_head WHERE id = 1 FOR UPDATE`,
  );
  const head = rows[0]!;
  const row = { seq: Number(head.last_seq) + 1, id: randomUUID(), at: new Date(), ...entry, prevHash: head.last_hash };
  const hash = auditHash(row);
  await client.query(
    `INSERT INTO ${rawSchema}.audit_event (seq, id, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [row.seq, row.id, row.at, row.actor, row.action, row.entityType, row.entityId, row.before === null ? null : JSON.stringify(row.before), row.after === null ? null : JSON.stringify(row.after), row.prevHash, hash],
  );
  await client.query(`UPDATE ${rawSchema}.audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1`, [row.seq, hash]);
}

async function inTransaction(pool: Pool, work: (client: PoolClient) => Promise<void>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** (a) one record as the server stored it, plus its audit row, in one transaction. */
export async function rawRecordCreate(pool: Pool, json: Map<string, Set<string>>, record: Row, audit: AuditContent): Promise<void> {
  const id = randomUUID();
  await inTransaction(pool, async (client) => {
    await insertRows(client, json, 'record', [{ ...record, id }]);
    await appendAudit(client, { ...audit, entityId: id });
  });
}

/** What one process step wrote: rows inserted and rows changed, per table, and its audit entries. */
export interface StepWrites {
  name: string;
  inserts: Record<string, Row[]>;
  updates: Record<string, Row[]>;
  audit: AuditContent[];
}

/** The ids of the probe instance's rows, replaced by fresh ones every time the steps are replayed. */
export interface InstanceTemplate {
  ids: string[];
  steps: StepWrites[];
}

/**
 * Replays a probe instance's steps as a new instance: each step in one transaction that locks the
 * instance row (as the server's version check does), then writes the same rows the server wrote.
 */
export async function rawInstance(pool: Pool, json: Map<string, Set<string>>, template: InstanceTemplate, onStep: (name: string, ms: number) => void): Promise<void> {
  const fresh = new Map(template.ids.map((id) => [id, randomUUID()]));
  const instanceId = fresh.get(template.ids[0]!)!;
  for (const [index, step] of template.steps.entries()) {
    const started = performance.now();
    const text = JSON.stringify(step).replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => fresh.get(id) ?? id);
    const writes = JSON.parse(text) as StepWrites;
    await inTransaction(pool, async (client) => {
      if (index > 0) await client.query(`SELECT version FROM ${rawSchema}.process_instance WHERE id = $1 FOR UPDATE`, [instanceId]);
      for (const table of ['process_instance', 'task', 'process_history', 'job', 'external_job', 'notification']) await insertRows(client, json, table, writes.inserts[table] ?? []);
      for (const table of ['process_instance', 'task', 'job', 'external_job']) for (const row of writes.updates[table] ?? []) await updateRow(client, json, table, row);
      for (const entry of writes.audit) await appendAudit(client, entry);
    });
    onStep(step.name, performance.now() - started);
  }
}

/** Watches one instance's rows step by step, to record what each step wrote. */
export class InstanceProbe {
  private tasks = new Map<string, string>();
  private jobs = new Map<string, string>();
  private externalJobs = new Map<string, string>();
  private historyId = 0;
  private auditSeq = 0;
  private instance: string | undefined;
  private instanceId = '';
  readonly steps: StepWrites[] = [];
  readonly ids: string[] = [];

  constructor(private readonly pool: Pool) {}

  /** Call before the instance starts, so its first audit row counts as its start's. */
  async begin(): Promise<void> {
    const { rows } = await this.pool.query<{ seq: string }>(`SELECT coalesce(max(seq), 0) AS seq FROM audit_event`);
    this.auditSeq = Number(rows[0]!.seq);
  }

  /** Records what changed since the last call as the step `name`. */
  async step(name: string, instanceId: string): Promise<void> {
    if (!this.instanceId) {
      this.instanceId = instanceId;
      this.ids.push(instanceId);
    }
    const id = this.instanceId;
    const step: StepWrites = { name, inserts: {}, updates: {}, audit: [] };
    const [instance] = (await this.pool.query<Row>(`SELECT * FROM process_instance WHERE id = $1`, [id])).rows;
    const instanceText = JSON.stringify(instance);
    if (this.instance === undefined) step.inserts.process_instance = [instance!];
    else if (this.instance !== instanceText) step.updates.process_instance = [instance!];
    this.instance = instanceText;
    for (const [table, seen] of [
      ['task', this.tasks],
      ['job', this.jobs],
      ['external_job', this.externalJobs],
    ] as const) {
      for (const row of (await this.pool.query<Row>(`SELECT * FROM ${table} WHERE instance_id = $1`, [id])).rows) {
        const text = JSON.stringify(row);
        const before = seen.get(String(row.id));
        if (before === undefined) {
          (step.inserts[table] ??= []).push(row);
          this.ids.push(String(row.id));
        } else if (before !== text) (step.updates[table] ??= []).push(row);
        seen.set(String(row.id), text);
      }
    }
    const history = (await this.pool.query<Row>(`SELECT * FROM process_history WHERE instance_id = $1 AND id > $2 ORDER BY id`, [id, this.historyId])).rows;
    if (history.length) this.historyId = Number(history.at(-1)!.id);
    step.inserts.process_history = history.map(({ id: _serial, ...row }) => row);
    const notifications = (await this.pool.query<Row>(`SELECT * FROM notification WHERE link = $1`, [`/instances/${id}`])).rows;
    step.inserts.notification = notifications.filter((row) => !this.ids.includes(String(row.id)));
    for (const row of step.inserts.notification) this.ids.push(String(row.id));
    const audit = (await this.pool.query<Row>(`SELECT * FROM audit_event WHERE seq > $1 AND entity_id = $2 ORDER BY seq`, [this.auditSeq, id])).rows;
    step.audit = audit.map((row) => ({
      actor: String(row.actor),
      action: String(row.action),
      entityType: String(row.entity_type),
      entityId: row.entity_id as string | null,
      before: row.before,
      after: row.after,
    }));
    if (audit.length) this.auditSeq = Number(audit.at(-1)!.seq);
    this.steps.push(step);
  }

  template(): InstanceTemplate {
    return { ids: this.ids, steps: this.steps };
  }
}
