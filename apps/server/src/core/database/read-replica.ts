import { HttpStatus, Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { TesseraConfig } from '../config';
import { ApiError } from '../errors/api-error';
import { classifyDatabaseError } from '../errors/database-errors';
import { text } from '../errors/localized';
import { TESSERA_CONFIG } from '../tokens';
import { withTimeout } from '../with-timeout';

/** Seconds a client is asked to wait before asking for a report again while the replica is away. */
export const REPLICA_RETRY_AFTER_SECONDS = 30;

/** How long a report waits for a replica connection before answering 503. */
const REPLICA_CONNECT_TIMEOUT_MS = 5_000;

/** What `GET /api/health` says about the read replica. */
export interface ReplicaHealth {
  /** Host, port and database of the replica (never the user or password). */
  target: string;
  reachable: boolean;
  /**
   * Seconds since the last transaction the replica replayed (`now() - pg_last_xact_replay_timestamp()`);
   * null when it cannot be read: the server is not a standby, or has replayed nothing yet.
   */
  lagSeconds: number | null;
}

/** The replica URL as an operator may read it: host, port and database, no credentials. */
function describeTarget(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
}

function replicaUnavailable(error: unknown): ApiError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const reason = typeof code === 'string' ? code : 'unknown';
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'database.replicaUnavailable',
    text(
      '报表只读副本暂时不可用，报表未执行（不会改由主库执行），请稍后重试',
      'The read replica for reports is unavailable right now; the report did not run (it is not moved onto the primary), try again later',
    ),
    [
      {
        path: '',
        code: `connection.${reason}`,
        message: text(`连接错误代码 ${reason}`, `Connection error code ${reason}`),
      },
    ],
    { 'Retry-After': String(REPLICA_RETRY_AFTER_SECONDS) },
  );
}

/**
 * Where report datasets read: a small pool on the PostgreSQL read replica named by
 * DATABASE_READ_URL, or the primary when none is configured (and always on the embedded database).
 * Replica sessions are read-only (`default_transaction_read_only`) and use the primary's schema.
 * When the replica does not answer, a report fails with 503 `database.replicaUnavailable` and
 * Retry-After rather than loading the primary with heavy aggregate queries by surprise.
 */
@Injectable()
export class ReportReads implements OnModuleDestroy {
  private readonly pool?: pg.Pool;
  private readonly target?: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TESSERA_CONFIG) config: TesseraConfig,
  ) {
    if (!config.databaseReadUrl) return;
    if (dataSource.options.type !== 'postgres' || !('url' in dataSource.options) || !dataSource.options.url) {
      throw new Error('DATABASE_READ_URL needs DATABASE_URL: a read replica is only used beside a PostgreSQL primary');
    }
    const schema = dataSource.options.schema;
    // Settings the URL gives in `options` come first; ours follow so that the session is read-only
    // and on the primary's schema whatever the URL says (the later `-c` wins).
    const url = new URL(config.databaseReadUrl);
    const given = url.searchParams.get('options');
    url.searchParams.delete('options');
    const settings = [
      ...(given ? [given] : []),
      '-c default_transaction_read_only=on',
      ...(schema ? [`-c search_path=${schema}`] : []),
    ];
    this.target = describeTarget(config.databaseReadUrl);
    this.pool = new pg.Pool({
      // The URL's own application_name, if any, wins over this one.
      application_name: 'tessera-reports',
      connectionString: url.toString(),
      options: settings.join(' '),
      max: config.databaseReadPoolSize,
      connectionTimeoutMillis: REPLICA_CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    // An idle connection the replica drops must not bring the process down; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  /** Whether report datasets read a replica (else the primary). */
  get usesReplica(): boolean {
    return this.pool !== undefined;
  }

  /** Runs one read-only report query on the replica, or on the primary when there is none. */
  async query<T = Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    if (!this.pool) return (await this.dataSource.query(sql, values)) as T[];
    try {
      const result = await this.pool.query(sql, values);
      return result.rows as T[];
    } catch (error) {
      if (classifyDatabaseError(error) === 'unavailable') throw replicaUnavailable(error);
      throw error;
    }
  }

  /** The replica's reachability and replay lag, for the health endpoint; undefined without a replica. */
  async health(timeoutMs: number): Promise<ReplicaHealth | undefined> {
    if (!this.pool || !this.target) return undefined;
    try {
      const rows = await withTimeout(
        this.pool.query<{ lag: number | string | null }>(
          `SELECT EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) AS lag`,
        ),
        timeoutMs,
        'The replica',
      );
      const lag = rows.rows[0]?.lag;
      return {
        target: this.target,
        reachable: true,
        lagSeconds: lag === null || lag === undefined ? null : Number(lag),
      };
    } catch {
      return { target: this.target, reachable: false, lagSeconds: null };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
  }
}
