import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DataSource,
  type EntityManager,
  type EntitySubscriberInterface,
  type QueryRunner,
  type TransactionCommitEvent,
  type TransactionRollbackEvent,
} from 'typeorm';
import { auditHash, type ChainedFields, contentDigest, GENESIS_HASH, legacyAuditHash } from './audit-hash';
import { asStoredJson } from './canonical-json';

export interface AuditEntry {
  actor: string;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRow extends ChainedFields {
  hash: string;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first row whose content or link to its predecessor does not match the chain. */
  firstBroken?: { seq: number; id: string | null; reason: 'content' | 'link' | 'head' };
}

const VERIFY_BATCH = 1000;

/** An entry waiting for its transaction's commit, with the (savepoint) depth it was appended at. */
interface QueuedEntry {
  depth: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  digest: string;
}

/**
 * Locks the chain head, chains the queued entries onto it in order (the hash is computed here, from
 * each entry's content digest, so nothing needs to travel back to the server while the lock is
 * held), inserts them, advances the head and commits — sent as one query string, so the lock is
 * held for this statement and the commit only, never for a round trip to a busy server process.
 * A missing head row leaves `seq` NULL, which the primary key refuses: the transaction fails
 * rather than commit without its audit rows.
 */
const flushSql = (entriesJson: string): string => `
  WITH RECURSIVE
    head AS (SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE),
    entry AS (
      SELECT * FROM jsonb_to_recordset(${quoteLiteral(entriesJson)}::jsonb) AS e(
        n int, id uuid, at timestamptz, actor text, action text, entity_type text, entity_id text,
        before jsonb, after jsonb, digest text)
    ),
    chain (n, seq, prev_hash, hash) AS (
      SELECT 0, head.last_seq, NULL::text, head.last_hash FROM (SELECT 1) AS one LEFT JOIN head ON true
      UNION ALL
      SELECT entry.n, chain.seq + 1, chain.hash,
             encode(sha256(convert_to(chain.hash || ':' || (chain.seq + 1) || ':' || entry.digest, 'UTF8')), 'hex')
      FROM chain JOIN entry ON entry.n = chain.n + 1
    ),
    inserted AS (
      INSERT INTO audit_event (seq, id, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
      SELECT chain.seq, entry.id, entry.at, entry.actor, entry.action, entry.entity_type, entry.entity_id,
             entry.before, entry.after, chain.prev_hash, chain.hash
      FROM chain JOIN entry ON entry.n = chain.n
      RETURNING seq
    )
  UPDATE audit_chain_head
  SET last_seq = tail.seq, last_hash = tail.hash
  FROM (SELECT seq, hash FROM chain ORDER BY n DESC LIMIT 1) AS tail
  WHERE audit_chain_head.id = 1 AND (SELECT count(*) FROM inserted) > 0;
  COMMIT`;

/** A string literal that means `text` whatever `standard_conforming_strings` says. */
function quoteLiteral(text: string): string {
  return `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * After the flush has committed, the query runner still sends its own COMMIT: that would cost a
 * round trip (with the server process's event loop in between) and draw PostgreSQL's "there is no
 * transaction in progress" warning, for nothing. The next query of this runner is looked at once:
 * a COMMIT is answered here, anything else goes to the database as usual.
 */
function answerNextCommit(queryRunner: QueryRunner): void {
  const send = queryRunner.query;
  queryRunner.query = function (this: QueryRunner, query: string, ...rest: unknown[]) {
    queryRunner.query = send;
    if (query === 'COMMIT') return Promise.resolve(undefined);
    return (send as (query: string, ...rest: unknown[]) => Promise<unknown>).call(this, query, ...rest);
  } as QueryRunner['query'];
}

function transactionDepth(queryRunner: QueryRunner): number {
  const depth = (queryRunner as unknown as { transactionDepth?: unknown }).transactionDepth;
  if (typeof depth !== 'number') throw new Error('The query runner does not report its transaction depth');
  return depth;
}

@Injectable()
export class AuditService implements EntitySubscriberInterface {
  /** Entries appended in a transaction that has not committed yet, by the transaction's query runner. */
  private readonly queued = new WeakMap<QueryRunner, QueuedEntry[]>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    if (!dataSource.subscribers.includes(this)) dataSource.subscribers.push(this);
  }

  /**
   * Appends an entry inside the caller's transaction, so the entry commits or vanishes with the
   * write it describes. The entry is queued and written just before COMMIT, when the chain head is
   * locked for one statement; that lock serialises appends across server processes.
   */
  async append(manager: EntityManager, entry: AuditEntry): Promise<void> {
    const queryRunner = manager.queryRunner;
    if (!queryRunner?.isTransactionActive) {
      return manager.transaction((transactional) => this.append(transactional, entry));
    }
    const content = {
      id: randomUUID(),
      at: new Date(),
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: asStoredJson(entry.before),
      after: asStoredJson(entry.after),
    };
    const queued = this.queued.get(queryRunner) ?? [];
    queued.push({
      depth: transactionDepth(queryRunner),
      id: content.id,
      at: content.at.toISOString(),
      actor: content.actor,
      action: content.action,
      entity_type: content.entityType,
      entity_id: content.entityId,
      before: content.before,
      after: content.after,
      digest: contentDigest(content),
    });
    this.queued.set(queryRunner, queued);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const queryRunner = event.queryRunner;
    const queued = this.queued.get(queryRunner);
    if (!queued?.length) return;
    const depth = transactionDepth(queryRunner);
    if (depth > 1) {
      // A savepoint is released: its entries now belong to the enclosing level.
      for (const item of queued) if (item.depth >= depth) item.depth = depth - 1;
      return;
    }
    this.queued.delete(queryRunner);
    const entries = queued.map(({ depth: _depth, ...item }, index) => ({ ...item, n: index + 1 }));
    // The query string ends with COMMIT. Should the statement fail, the rest of the string is
    // skipped and the query runner rolls back as usual.
    await queryRunner.query(flushSql(JSON.stringify(entries)));
    answerNextCommit(queryRunner);
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    const queued = this.queued.get(event.queryRunner);
    if (!queued) return;
    const depth = transactionDepth(event.queryRunner);
    if (depth <= 1) {
      this.queued.delete(event.queryRunner);
      return;
    }
    // Rolling back to a savepoint drops what was appended after it.
    this.queued.set(
      event.queryRunner,
      queued.filter((item) => item.depth < depth),
    );
  }

  async list(filter: {
    entityType?: string;
    entityId?: string;
    limit: number;
    afterSeq?: number;
  }): Promise<AuditRow[]> {
    const conditions: string[] = [];
    const values: unknown[] = [];
    if (filter.entityType) conditions.push(`entity_type = $${values.push(filter.entityType)}`);
    if (filter.entityId) conditions.push(`entity_id = $${values.push(filter.entityId)}`);
    if (filter.afterSeq !== undefined) conditions.push(`seq > $${values.push(filter.afterSeq)}`);
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    const rows = (await this.dataSource.query(
      `SELECT * FROM audit_event ${where} ORDER BY seq LIMIT $${values.push(filter.limit)}`,
      values,
    )) as RawAuditRow[];
    return rows.map(fromRaw);
  }

  /** Recomputes every row's hash and link, oldest first, and names the first row that does not match. */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<ChainVerification> {
    const [counted] = (await this.dataSource.query(`SELECT last_seq FROM audit_chain_head WHERE id = 1`)) as {
      last_seq: number;
    }[];
    const total = Number(counted?.last_seq ?? 0);
    let previousHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    // Rows written before the current hash form are accepted until the first row in that form.
    let legacyAllowed = true;
    for (;;) {
      const rows = (await this.dataSource.query(`SELECT * FROM audit_event WHERE seq >= $1 ORDER BY seq LIMIT $2`, [
        expectedSeq,
        VERIFY_BATCH,
      ])) as RawAuditRow[];
      for (const raw of rows) {
        const row = fromRaw(raw);
        if (row.seq !== expectedSeq || row.prevHash !== previousHash) {
          return { ok: false, checked, firstBroken: { seq: row.seq, id: row.id, reason: 'link' } };
        }
        if (auditHash(row) !== row.hash) {
          if (!legacyAllowed || legacyAuditHash(row) !== row.hash) {
            return { ok: false, checked, firstBroken: { seq: row.seq, id: row.id, reason: 'content' } };
          }
        } else {
          legacyAllowed = false;
        }
        previousHash = row.hash;
        expectedSeq += 1;
        checked += 1;
      }
      onProgress?.(checked, total);
      if (rows.length < VERIFY_BATCH) break;
    }
    const [head] = (await this.dataSource.query(`SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1`)) as {
      last_seq: number;
      last_hash: string;
    }[];
    if (!head || Number(head.last_seq) !== checked || head.last_hash !== previousHash) {
      // Rows were removed from the end of the chain: the head remembers more than is there.
      return { ok: false, checked, firstBroken: { seq: checked + 1, id: null, reason: 'head' } };
    }
    return { ok: true, checked };
  }
}

interface RawAuditRow {
  seq: number | string;
  id: string;
  at: Date | string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
}

function fromRaw(raw: RawAuditRow): AuditRow {
  return {
    seq: Number(raw.seq),
    id: raw.id,
    at: raw.at instanceof Date ? raw.at : new Date(raw.at),
    actor: raw.actor,
    action: raw.action,
    entityType: raw.entity_type,
    entityId: raw.entity_id,
    before: raw.before,
    after: raw.after,
    prevHash: raw.prev_hash,
    hash: raw.hash,
  };
}
