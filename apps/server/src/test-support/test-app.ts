import type { NestExpressApplication } from '@nestjs/platform-express';
import { createApp } from '../bootstrap';
import { loadConfig, type TesseraConfig } from '../core/config';
import type { DatabaseTarget } from '../core/database/data-source';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestApp {
  app: NestExpressApplication;
  database: TestDatabase;
  /** Closes the app; drops the database unless `keepDatabase`. */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/** Starts the real application (all modules, real database) without listening on a port. */
export async function startTestApp(
  options: { database?: TestDatabase; persistent?: boolean; config?: Partial<TesseraConfig> } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase({ persistent: options.persistent }));
  const app = await openApp(database.target, options.config);
  return {
    app,
    database,
    close: async ({ keepDatabase = false } = {}) => {
      await app.close();
      if (!keepDatabase) await database.cleanup();
    },
  };
}

async function openApp(
  target: DatabaseTarget,
  overrides: Partial<TesseraConfig> = {},
): Promise<NestExpressApplication> {
  const config = { ...loadConfig({ ...process.env, NODE_ENV: 'test' }), webDist: undefined, ...overrides };
  const app = await createApp({ config, database: target });
  try {
    await app.init();
  } catch (error) {
    // A start that fails half-way still holds the database; release it so the test run can end.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
