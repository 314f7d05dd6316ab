import { EventEmitter } from 'node:events';
import { PGlite, types, type PGliteOptions } from '@electric-sql/pglite';

/**
 * A `pg`-compatible module for TypeORM's postgres driver, backed by one PGlite instance.
 *
 * PGlite is a single session, so the pool hands out that session to one borrower at a time:
 * a transaction holds it from BEGIN to COMMIT and nothing else interleaves its statements.
 * (Sharing the session without this lock would let two concurrent requests' transactions mix.)
 */
export interface PgliteDriverModule {
  Pool: new () => EventEmitter;
  instance: PGlite;
}

const CONNECTION_WAIT_MS = 30_000;

/** Parses values the way node-postgres does with Tessera's settings (see `configurePgTypes`). */
export const pgliteParsers: PGliteOptions['parsers'] = {
  [types.INT8]: (value: string) => Number(value),
  [types.NUMERIC]: (value: string) => value,
};

function serializeBoolean(value: unknown): string {
  if (value === true || value === 'true' || value === 1) return 'TRUE';
  if (value === false || value === 'false' || value === 0) return 'FALSE';
  return String(value);
}

export async function createPglite(dataDir?: string): Promise<PGlite> {
  return PGlite.create({
    dataDir,
    parsers: pgliteParsers,
    serializers: { [types.BOOL]: serializeBoolean },
  });
}

class SessionLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => released);
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new Error(
              `Embedded database session still busy after ${CONNECTION_WAIT_MS} ms: ` +
                'a query probably ran outside the transaction that holds the session',
            ),
          ),
        CONNECTION_WAIT_MS,
      );
      timer.unref();
    });
    return Promise.race([previous.then(() => release), waited]).finally(() => clearTimeout(timer));
  }
}

export function createPgliteDriverModule(instance: PGlite): PgliteDriverModule {
  const lock = new SessionLock();

  class PgliteClient extends EventEmitter {
    async query(text: string, values?: unknown[]) {
      if (values && values.length > 0) return instance.query(text, values);
      const results = await instance.exec(text);
      return results[results.length - 1] ?? { rows: [], fields: [], rowCount: 0, affectedRows: 0 };
    }
  }

  class PglitePool extends EventEmitter {
    private ended = false;

    connect(callback?: (error: Error | null, client?: PgliteClient, release?: () => void) => void) {
      const borrowed = (async () => {
        if (this.ended) throw new Error('The embedded database has been closed');
        await instance.waitReady;
        const release = await lock.acquire();
        return { client: new PgliteClient(), release };
      })();
      if (!callback) return borrowed.then(({ client, release }) => Object.assign(client, { release }));
      borrowed.then(
        ({ client, release }) => callback(null, client, release),
        (error: Error) => callback(error),
      );
      return undefined;
    }

    async query(text: string, values?: unknown[]) {
      const release = await lock.acquire();
      try {
        return await new PgliteClient().query(text, values);
      } finally {
        release();
      }
    }

    end(callback?: (error?: Error | null) => void) {
      this.ended = true;
      const closing = instance.closed ? Promise.resolve() : instance.close();
      closing.then(() => callback?.(null), (error: Error) => callback?.(error));
    }
  }

  return { Pool: PglitePool, instance };
}
