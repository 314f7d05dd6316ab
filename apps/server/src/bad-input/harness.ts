import fs from 'node:fs';
import path from 'node:path';
import type { Server } from 'node:http';
import fc from 'fast-check';
import type { Response } from 'supertest';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { snapshotTables, type TableSnapshot } from '../fault/table-snapshot';
import { bearerFor } from '../test-support/sign-in';
import { loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import { startTestApp, type TestApp } from '../test-support/test-app';

/** One seed for every property: a failure names its counterexample and replays the same way. */
export const SEED = 20_261_123;
export const runs = (numRuns: number): fc.Parameters<unknown> => ({ seed: SEED, numRuns, endOnFailure: true });

export const cooling = fs.readFileSync(path.join(__dirname, '../processes/fixtures/cooling-off.bpmn'), 'utf8');

/**
 * Sign-in bookkeeping changes on every login; everything else must be exactly as before a refused
 * request.
 */
const CHANGES_ON_SIGN_IN = ['login_attempt', 'refresh_token'];

export interface BadInputApp {
  testApp: TestApp;
  server: Server;
  dataSource: DataSource;
  bearer: Record<string, string>;
  recordId: string;
  taskId: string;
  instanceId: string;
  snapshot(): Promise<TableSnapshot>;
  close(): Promise<void>;
}

/** The real app on a fresh database with the loan form, the cooling-off process, a record and an open task. */
export async function startBadInputApp(): Promise<BadInputApp> {
  const testApp = await startTestApp({ config: { workerEnabled: false } });
  const server = testApp.app.getHttpServer() as Server;
  const dataSource = testApp.app.get(DataSource);
  const bearer: Record<string, string> = {};
  for (const user of ['admin', 'account_manager', 'credit_officer']) bearer[user] = await bearerFor(server, user);
  await request(server)
    .post('/api/forms')
    .set('Authorization', bearer.admin!)
    .send({ appKey: 'loan-approval', definition: loanApplicationDefinition() })
    .expect(201);
  await request(server)
    .post('/api/processes?appKey=bad-input')
    .set('Authorization', bearer.admin!)
    .set('Content-Type', 'application/xml')
    .send(cooling)
    .expect(201);
  const record = await request(server)
    .post('/api/forms/loan_application/records')
    .set('Authorization', bearer.account_manager!)
    .send({ data: loanApplicationData(1) })
    .expect(201);
  const instance = await request(server)
    .post('/api/processes/cooling_off/instances')
    .set('Authorization', bearer.account_manager!)
    .send({ businessKey: 'bad-input' })
    .expect(201);
  const [task] = (await dataSource.query(`SELECT id FROM task WHERE instance_id = $1`, [instance.body.id])) as { id: string }[];
  return {
    testApp,
    server,
    dataSource,
    bearer,
    recordId: record.body.id as string,
    instanceId: instance.body.id as string,
    taskId: task!.id,
    snapshot: () => snapshotTables(dataSource, CHANGES_ON_SIGN_IN),
    close: () => testApp.close(),
  };
}

/**
 * Asserts a clean refusal: a 4xx (one of `statuses` when given) with `{ code, message, details }`,
 * every detail with a path, a code and a message. Returns the body for further checks.
 */
export function expectRefusal(
  response: Response,
  what: string,
  statuses?: number[],
): { code: string; message: string; details: { path: string; code: string; message: string }[] } {
  const context = `${what} -> ${response.status} ${JSON.stringify(response.body).slice(0, 500)}`;
  if (response.status < 400 || response.status >= 500) throw new Error(`expected a 4xx: ${context}`);
  if (statuses && !statuses.includes(response.status)) throw new Error(`expected one of ${statuses.join(', ')}: ${context}`);
  const body = response.body as { code?: unknown; message?: unknown; details?: unknown };
  if (typeof body.code !== 'string' || !body.code) throw new Error(`no error code: ${context}`);
  if (typeof body.message !== 'string' || !body.message) throw new Error(`no message: ${context}`);
  if (!Array.isArray(body.details)) throw new Error(`no details: ${context}`);
  for (const detail of body.details as Record<string, unknown>[]) {
    if (typeof detail.path !== 'string' || typeof detail.code !== 'string' || typeof detail.message !== 'string') {
      throw new Error(`a detail lacks path, code or message: ${context}`);
    }
  }
  return body as ReturnType<typeof expectRefusal>;
}

/** Asserts that some detail names `path` (exactly, or as the start of a longer path). */
export function expectPath(body: ReturnType<typeof expectRefusal>, path: string, what: string): void {
  const paths = body.details.map((detail) => detail.path);
  const named = paths.some((candidate) => candidate === path || candidate.startsWith(`${path}.`) || candidate.startsWith(`${path}[`) || candidate.includes(path));
  if (!named) throw new Error(`${what}: no detail names "${path}" (got ${JSON.stringify(paths)}; code ${body.code})`);
}
