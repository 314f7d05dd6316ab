import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from '../config';
import { createDataSourceOptions, type DatabaseTarget } from './data-source';
import { ReportReads } from './read-replica';

export const DATABASE_KIND = Symbol('DATABASE_KIND');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(target: DatabaseTarget): DynamicModule {
    let kind: DatabaseKind = target.url ? 'postgres' : 'pglite';
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: async () => {
            const created = await createDataSourceOptions(target);
            kind = created.kind;
            return created.options;
          },
          dataSourceFactory: async (options) => {
            const dataSource = new DataSource(options!);
            await dataSource.initialize();
            try {
              await dataSource.runMigrations({ transaction: 'each' });
            } catch (error) {
              await dataSource.destroy();
              throw error;
            }
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: DATABASE_KIND, useFactory: () => kind }, ReportReads],
      exports: [DATABASE_KIND, ReportReads],
    };
  }
}
