import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  seq: number;
  id: string;
  at: Date;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
}

/** The hash a row must carry: it covers the row's every field and the previous row's hash. */
export function auditHash(row: ChainedFields): string {
  return createHash('sha256')
    .update(
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
    )
    .digest('hex');
}
