import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where a scenario run keeps its data: its own embedded database, or a throw-away Postgres database. */
export interface ScenarioDatabase {
  /** Environment for the server process. */
  env: Record<string, string | undefined>;
  describe: string;
  drop(): Promise<void>;
}

/**
 * With `DATABASE_URL` set, a database named `tessera_scenarios_<random>` is created on that server
 * and dropped afterwards, so runs never see each other's records; without it the server starts on
 * a fresh embedded database in its own data directory.
 */
export async function scenarioDatabase(databaseUrl: string | undefined): Promise<ScenarioDatabase> {
  if (!databaseUrl) return { env: { DATABASE_URL: undefined }, describe: 'embedded database (PGlite)', drop: async () => {} };
  const name = `tessera_scenarios_${randomBytes(6).toString('hex')}`;
  await withClient(databaseUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), TESSERA_DATABASE_SCHEMA: undefined },
    describe: `Postgres database ${name} on ${url.host}`,
    drop: () => withClient(databaseUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
