import fs from 'node:fs';
import pg from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseKind } from '../config';
import { createPglite, createPgliteDriverModule } from './pglite-driver';
import { migrations } from './migrations';
import { entities } from './entities';

/** Makes node-postgres return the same JavaScript types as the embedded database. */
function configurePgTypes(): void {
  pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));
}

export interface DatabaseTarget {
  /** A postgres:// URL; without it the embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory; in-memory when absent. */
  dataDir?: string;
  /** Postgres schema to work in (tests use a throw-away one). */
  schema?: string;
}

export interface TesseraDataSource {
  dataSource: DataSource;
  kind: DatabaseKind;
}

export async function createDataSourceOptions(target: DatabaseTarget): Promise<{ options: DataSourceOptions; kind: DatabaseKind }> {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    migrationsRun: false,
    synchronize: false,
    logging: false,
  };
  if (target.url) {
    configurePgTypes();
    return {
      kind: 'postgres',
      options: {
        ...common,
        url: target.url,
        schema: target.schema,
        poolSize: 10,
        extra: {
          ...(target.schema ? { options: `-c search_path=${target.schema}` } : {}),
          // When Postgres is unreachable a request fails fast (503 database.unavailable) instead of
          // waiting forever for a connection; the pool opens fresh connections once it is back.
          connectionTimeoutMillis: 5_000,
          keepAlive: true,
        },
      },
    };
  }
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  const instance = await createPglite(target.dataDir);
  return { kind: 'pglite', options: { ...common, driver: createPgliteDriverModule(instance) } };
}

/** Opens the database and brings its schema up to date with the migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<TesseraDataSource> {
  const { options, kind } = await createDataSourceOptions(target);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return { dataSource, kind };
}
