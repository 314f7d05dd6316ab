import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from '../core/config';
import { DATABASE_KIND } from '../core/database/database.module';
import { ReportReads, type ReplicaHealth } from '../core/database/read-replica';
import { SystemService } from '../core/system/system.service';
import { withTimeout } from '../core/with-timeout';
import { Public } from '../auth/decorators';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: DatabaseKind;
  /** Whether the database answered within a few seconds. */
  databaseReachable: boolean;
  migrations: { applied: number; pending: number; last: string | null };
  /** The read replica reports use (DATABASE_READ_URL), present only when one is configured. */
  replica?: ReplicaHealth;
  instanceId: string | null;
  version: string;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DATABASE_KIND) private readonly databaseKind: DatabaseKind,
    private readonly system: SystemService,
    private readonly reads: ReportReads,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({
    description:
      'The server is up; status is degraded while the database (or the read replica for reports, when configured) does not answer or migrations are pending',
  })
  async health(): Promise<HealthReport> {
    let applied: { name: string }[] = [];
    let reachable = true;
    try {
      applied = await withTimeout(this.dataSource.query(`SELECT name FROM migrations ORDER BY id`), HEALTH_QUERY_TIMEOUT_MS, 'The database');
    } catch {
      reachable = false;
    }
    const known = this.dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
    const appliedNames = new Set(applied.map((row) => row.name));
    const pending = reachable ? known.filter((name) => !appliedNames.has(name)).length : 0;
    const replica = await this.reads.health(HEALTH_QUERY_TIMEOUT_MS);
    const replicaOk = replica?.reachable ?? true;
    const status: HealthReport['status'] = reachable && pending === 0 && replicaOk ? 'ok' : 'degraded';
    return {
      status,
      database: this.databaseKind,
      databaseReachable: reachable,
      migrations: { applied: applied.length, pending, last: applied.at(-1)?.name ?? null },
      ...(replica ? { replica } : {}),
      instanceId: this.system.getInstanceId() ?? null,
      version: process.env.npm_package_version ?? '0.1.0',
    };
  }
}

const HEALTH_QUERY_TIMEOUT_MS = 3_000;
