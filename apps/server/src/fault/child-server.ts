import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { createPostgresSchema, type TestDatabase } from '../test-support/test-database';
import { DEMO_PASSWORD } from '../users/demo-users';

const mainJs = path.resolve(__dirname, '../../dist/main.js');

export interface ChildServer {
  child: ChildProcess;
  url: string;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * The Postgres the fault tests run on: DATABASE_URL when set (CI), else the local cluster at
 * 127.0.0.1:5432 when it answers. Without either the test fails saying so; it never passes silently.
 */
export async function postgresUrl(): Promise<string> {
  const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `This fault test needs Postgres: set DATABASE_URL or run Postgres at 127.0.0.1:5432 (${url} answered: ${
        error instanceof Error ? error.message : String(error)
      })`,
      { cause: error },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  return url;
}

/** A throw-away schema on that Postgres. */
export async function faultDatabase(): Promise<TestDatabase> {
  return createPostgresSchema(await postgresUrl());
}

/** Starts the built server as its own process on `database` (or the URL given) and waits until it listens. */
export function startChildServer(
  database: TestDatabase,
  env: Record<string, string> = {},
  overrideUrl?: string,
): Promise<ChildServer> {
  if (!fs.existsSync(mainJs)) throw new Error(`Build the server first: ${mainJs} is missing`);
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    TESSERA_WORKER_POLL_MS: '200',
    TESSERA_WEB_DIST: '/nonexistent',
    ...env,
  };
  delete childEnv.NODE_OPTIONS;
  if (database.target.url) {
    childEnv.DATABASE_URL = overrideUrl ?? database.target.url;
    if (database.target.schema) childEnv.TESSERA_DATABASE_SCHEMA = database.target.schema;
  } else {
    delete childEnv.DATABASE_URL;
    childEnv.TESSERA_DATA_DIR = database.target.dataDir;
  }
  const child = spawn(process.execPath, [mainJs], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start: ${output}`)), 90_000);
    const listen = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', listen);
      resolve({
        child,
        url: match[1]!.replace('localhost', '127.0.0.1'),
        output: () => output,
        kill: (signal = 'SIGKILL') =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout!.on('data', listen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}: ${output}`));
    });
  });
}

export async function signIn(url: string, username: string): Promise<string> {
  const response = await request(url).post('/api/auth/login').send({ username, password: DEMO_PASSWORD });
  if (response.status !== 200) throw new Error(`Sign-in of ${username} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return `Bearer ${response.body.accessToken as string}`;
}

/** A direct connection to the test's schema, for counting rows behind the server's back. */
export async function withSchema<T>(database: TestDatabase, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: database.target.url,
    options: database.target.schema ? `-c search_path=${database.target.schema}` : undefined,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
