import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ContentFields {
  id: string;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface ChainedFields extends ContentFields {
  seq: number;
  prevHash: string;
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** The digest of what a row says, without its place in the chain; computed before the chain head is locked. */
export function contentDigest(row: ContentFields): string {
  return sha256Hex(
    canonicalJson([
      row.id,
      row.at.toISOString(),
      row.actor,
      row.action,
      row.entityType,
      row.entityId,
      row.before,
      row.after,
    ]),
  );
}

/**
 * The hash a row must carry: `sha256(prev_hash ':' seq ':' content_digest)` in hex. The database
 * computes the same with `encode(sha256(convert_to(prev_hash || ':' || seq || ':' || digest, 'UTF8')), 'hex')`
 * while it holds the chain head (see `AuditService`), so both sides must keep this exact form.
 */
export function auditHash(row: ChainedFields): string {
  return linkHash(row.prevHash, row.seq, contentDigest(row));
}

export function linkHash(prevHash: string, seq: number, digest: string): string {
  return sha256Hex(`${prevHash}:${seq}:${digest}`);
}

/**
 * The hash rows carried before the chain head was advanced inside the database: one digest over
 * every field and the previous hash. Chains begun then keep verifying; once a row carries the
 * current hash, every later row must too.
 */
export function legacyAuditHash(row: ChainedFields): string {
  return sha256Hex(
    canonicalJson([
      row.seq,
      row.id,
      row.at.toISOString(),
      row.actor,
      row.action,
      row.entityType,
      row.entityId,
      row.before,
      row.after,
      row.prevHash,
    ]),
  );
}
