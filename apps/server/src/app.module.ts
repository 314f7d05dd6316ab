import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppsModule } from './apps/apps.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ApiExceptionFilter } from './core/errors/api-exception.filter';
import { IdempotencyInterceptor } from './core/idempotency/idempotency.interceptor';
import { TESSERA_CONFIG } from './core/tokens';
import { Clock, clockFromEnv } from './core/clock/clock';
import { createValidationPipe } from './core/validation/validation-pipe';
import { FormsModule } from './forms/forms.module';
import { JobsModule } from './jobs/jobs.module';
import { ProcessesModule } from './processes/processes.module';
import { RecordsModule } from './records/records.module';
import { ReportsModule } from './reports/reports.module';
import { RulesModule } from './rules/rules.module';
import { TasksModule } from './tasks/tasks.module';
import { NotificationsModule } from './notifications/notifications.module';
import { UsersModule } from './users/users.module';
import type { TesseraConfig } from './core/config';
import { DatabaseModule } from './core/database/database.module';
import type { DatabaseTarget } from './core/database/data-source';
import { SystemModule } from './core/system/system.module';
import { HealthModule } from './health/health.module';

export { TESSERA_CONFIG };

export interface AppModuleOptions {
  config: TesseraConfig;
  database: DatabaseTarget;
}

function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
}

@Module({})
export class AppModule {
  static forRoot({ config, database }: AppModuleOptions): DynamicModule {
    const serveWeb =
      config.webDist && fs.existsSync(config.webDist)
        ? [ServeStaticModule.forRoot({ rootPath: config.webDist, exclude: ['/api/{*rest}'] })]
        : [];
    return {
      module: AppModule,
      global: true,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (request, response) => {
              const id = requestId(request);
              response.setHeader('x-request-id', id);
              return id;
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        DatabaseModule.forRoot(database),
        SystemModule,
        HealthModule,
        AuditModule,
        UsersModule,
        AuthModule,
        JobsModule,
        NotificationsModule,
        FormsModule,
        RulesModule,
        RecordsModule,
        ProcessesModule,
        TasksModule,
        AppsModule,
        ReportsModule,
        ...serveWeb,
      ],
      providers: [
        { provide: TESSERA_CONFIG, useValue: config },
        { provide: Clock, useValue: clockFromEnv(process.env) },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [TESSERA_CONFIG, Clock],
    };
  }
}
