import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { DatabaseKind } from '../core/config';
import { DATABASE_KIND } from '../core/database/database.module';
import { FormsService, type LoadedForm } from './forms.service';
import { type IndexSync, syncRecordIndexes, trigramSchema } from './record-indexes';

/**
 * Keeps the expression indexes of each form's records in line with its latest version: right after
 * a form is saved, and on the first list of a form whose latest version this process has not seen
 * (forms that arrived with an app import or another server process).
 */
@Injectable()
export class RecordIndexesService implements OnModuleDestroy {
  private readonly logger = new Logger(RecordIndexesService.name);
  private readonly synced = new Map<string, number>();
  private readonly running = new Map<string, Promise<IndexSync>>();
  private trigram?: Promise<string | null>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    @Inject(DATABASE_KIND) private readonly kind: DatabaseKind,
  ) {}

  /** The schema of pg_trgm (installed on first use where Postgres allows it), or null: checked once per process. */
  trigramSchema(): Promise<string | null> {
    this.trigram ??= trigramSchema(this.dataSource, { install: this.kind === 'postgres' }).catch(() => null);
    return this.trigram;
  }

  /** Creates and drops indexes for the form's latest version; one run per form at a time. */
  sync(formKey: string): Promise<IndexSync> {
    const previous = this.running.get(formKey) ?? Promise.resolve({ created: [], dropped: [] });
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const form = await this.forms.load(formKey);
        const result = await syncRecordIndexes(this.dataSource, form.compiled, {
          concurrently: this.kind === 'postgres',
          trigramSchema: await this.trigramSchema(),
        });
        this.synced.set(form.key, form.version);
        return result;
      });
    this.running.set(formKey, next);
    void next
      .finally(() => {
        if (this.running.get(formKey) === next) this.running.delete(formKey);
      })
      .catch(() => undefined);
    return next;
  }

  /** Starts a sync in the background when this process has not synced the form's latest version. */
  ensure(form: LoadedForm): void {
    if (this.synced.get(form.key) === form.version || this.running.has(form.key)) return;
    this.sync(form.key).catch((error: unknown) =>
      this.logger.warn(`record indexes of ${form.key}: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.allSettled([...this.running.values()]);
  }
}
