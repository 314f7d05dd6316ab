import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { auditHash, type ChainedFields, GENESIS_HASH } from './audit-hash';
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

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends an entry inside the caller's transaction, so the entry commits or vanishes with the
   * write it describes. Locking the chain head serialises appends across server processes.
   */
  async append(manager: EntityManager, entry: AuditEntry): Promise<AuditRow> {
    if (!manager.queryRunner?.isTransactionActive) {
      return manager.transaction((transactional) => this.append(transactional, entry));
    }
    const [head] = (await manager.query(
      `SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
    )) as { last_seq: number; last_hash: string }[];
    if (!head) throw new Error('The audit chain head row is missing; the audit migration did not run');
    const row: AuditRow = {
      seq: Number(head.last_seq) + 1,
      id: randomUUID(),
      at: new Date(),
      actor: entry.actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: asStoredJson(entry.before),
      after: asStoredJson(entry.after),
      prevHash: head.last_hash,
      hash: '',
    };
    row.hash = auditHash(row);
    await manager.query(
      `INSERT INTO audit_event (seq, id, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        row.seq,
        row.id,
        row.at,
        row.actor,
        row.action,
        row.entityType,
        row.entityId,
        row.before === null ? null : JSON.stringify(row.before),
        row.after === null ? null : JSON.stringify(row.after),
        row.prevHash,
        row.hash,
      ],
    );
    await manager.query(`UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1`, [row.seq, row.hash]);
    return row;
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
          return { ok: false, checked, firstBroken: { seq: row.seq, id: row.id, reason: 'content' } };
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
