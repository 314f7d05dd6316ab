import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from '../core/config';
import { DATABASE_KIND } from '../core/database/database.module';
import { SystemService } from '../core/system/system.service';
import { Public } from '../auth/decorators';

export interface HealthReport {
  status: 'ok' | 'degraded';
  database: DatabaseKind;
  migrations: { applied: number; pending: number; last: string | null };
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
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: 'The server is up; names the database kind and the migration state' })
  async health(): Promise<HealthReport> {
    let applied: { name: string }[] = [];
    let status: HealthReport['status'] = 'ok';
    try {
      applied = await this.dataSource.query(`SELECT name FROM migrations ORDER BY id`);
    } catch {
      status = 'degraded';
    }
    const known = this.dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name);
    const appliedNames = new Set(applied.map((row) => row.name));
    const pending = known.filter((name) => !appliedNames.has(name)).length;
    return {
      status: pending === 0 ? status : 'degraded',
      database: this.databaseKind,
      migrations: { applied: applied.length, pending, last: applied.at(-1)?.name ?? null },
      instanceId: this.system.getInstanceId() ?? null,
      version: process.env.npm_package_version ?? '0.1.0',
    };
  }
}
