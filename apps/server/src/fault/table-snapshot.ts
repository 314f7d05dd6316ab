import type { DataSource } from 'typeorm';

/** Row count and an md5 of every row of each table of the current schema (migrations excluded). */
export type TableSnapshot = Record<string, { rows: number; checksum: string }>;

/**
 * Takes a snapshot of all tables a request could write, so a test can prove a refused request
 * changed nothing. `ignore` names tables that legitimately change on reads (sign-in bookkeeping).
 */
export async function snapshotTables(dataSource: DataSource, ignore: string[] = []): Promise<TableSnapshot> {
  const tables = (await dataSource.query(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )) as { table_name: string }[];
  const snapshot: TableSnapshot = {};
  for (const { table_name: table } of tables) {
    if (table === 'migrations' || ignore.includes(table)) continue;
    const [row] = (await dataSource.query(
      `SELECT count(*)::int AS rows, coalesce(md5(string_agg(md5(t::text), ',' ORDER BY md5(t::text))), '') AS checksum FROM "${table}" t`,
    )) as { rows: number; checksum: string }[];
    snapshot[table] = { rows: Number(row!.rows), checksum: row!.checksum };
  }
  return snapshot;
}
