import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import type { TestDatabase } from '../test-support/test-database';
import { type ChildServer, faultDatabase, signIn, sleep, startChildServer, withSchema } from './child-server';
import { TcpProxy } from './tcp-proxy';

const bpmn = fs.readFileSync(path.join(__dirname, '../processes/fixtures/cooling-off.bpmn'), 'utf8');
const OUTAGE_MS = 6_000;

interface Outcome {
  at: number;
  /** When the answer arrived. */
  doneAt: number;
  status: number;
  code?: string;
  retryAfter?: string;
  id?: string;
  error?: string;
}

/**
 * Postgres "restarts" under load: a TCP proxy between the server process and Postgres drops every
 * connection and refuses new ones for a few seconds. The shared cluster itself is never touched.
 */
describe('Postgres going away under load and coming back', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    database = await faultDatabase();
    const target = new URL(database.target.url!);
    proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    await proxy.start();
  });
  afterAll(async () => {
    await server?.kill();
    await proxy?.stop();
    await database?.cleanup();
  });

  it('answers 503 database.unavailable while it is away, reports degraded, reconnects and fires the timers due meanwhile', async () => {
    const proxied = new URL(database.target.url!);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(proxy.port);
    server = await startChildServer(database, {}, proxied.toString());
    const url = server.url;
    const admin = await signIn(url, 'admin');
    const manager = await signIn(url, 'account_manager');
    const officer = await signIn(url, 'credit_officer');
    await request(url).post('/api/forms').set('Authorization', admin).send({ appKey: 'loan-approval', definition: loanApplicationDefinition() }).expect(201);
    await request(url).post('/api/processes?appKey=outage').set('Authorization', admin).set('Content-Type', 'application/xml').send(bpmn).expect(201);
    const instance = await request(url).post('/api/processes/cooling_off/instances').set('Authorization', manager).send({ businessKey: 'outage' }).expect(201);
    const [task] = (await withSchema(database, (client) =>
      client.query(`SELECT id FROM task WHERE instance_id = $1`, [instance.body.id]).then((result) => result.rows),
    )) as { id: string }[];

    // Writers and a health probe run until told to stop.
    const outcomes: Outcome[] = [];
    const health: { at: number; status: string }[] = [];
    let running = true;
    let seed = 100;
    const writer = async () => {
      while (running) {
        const at = Date.now();
        try {
          const response = await request(url).post('/api/forms/loan_application/records').set('Authorization', manager).send({ data: loanApplicationData(seed++) });
          outcomes.push({ at, doneAt: Date.now(), status: response.status, code: response.body?.code, retryAfter: response.headers['retry-after'], id: response.body?.id });
        } catch (error) {
          outcomes.push({ at, doneAt: Date.now(), status: 0, error: error instanceof Error ? error.message : String(error) });
        }
        await sleep(50);
      }
    };
    const prober = async () => {
      while (running) {
        const response = await request(url).get('/api/health');
        health.push({ at: Date.now(), status: response.body.status });
        await sleep(300);
      }
    };
    const load = Promise.all([writer(), writer(), writer(), prober()]);

    await sleep(1_000);
    // The timer of the cooling-off period falls due 3 s from now, in the middle of the outage.
    await request(url).post(`/api/tasks/${task!.id}/complete`).set('Authorization', officer).send({ data: { approved: true } }).expect(200);
    const cutAt = Date.now();
    await proxy.cut();
    await sleep(OUTAGE_MS);
    await proxy.restore();
    const restoredAt = Date.now();

    // The server reconnects by itself: writes succeed again within seconds.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && outcomes.filter((outcome) => outcome.at > restoredAt && outcome.status === 201).length < 10) await sleep(200);
    running = false;
    await load;

    expect(server.child.exitCode).toBeNull();
    const failures = outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 503);
    expect(failures).toEqual([]);
    const unavailable = outcomes.filter((outcome) => outcome.status === 503);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const outcome of unavailable) {
      expect(outcome.code).toBe('database.unavailable');
      expect(outcome.retryAfter).toMatch(/^\d+$/);
      // Only requests still being answered when the connections were cut can fail.
      expect(outcome.doneAt).toBeGreaterThanOrEqual(cutAt);
    }
    expect(outcomes.filter((outcome) => outcome.at > restoredAt && outcome.status === 201).length).toBeGreaterThanOrEqual(10);
    expect(health.some((probe) => probe.at > cutAt && probe.at < restoredAt && probe.status === 'degraded')).toBe(true);
    expect(health.at(-1)!.status).toBe('ok');

    // Every acknowledged record is stored with its audit row; a refused one may only exist if its
    // commit reached Postgres just before the cut (the client then saw 503), never half-written.
    const created = outcomes.filter((outcome) => outcome.status === 201).map((outcome) => outcome.id!);
    const stored = await withSchema(database, async (client) => {
      const records = (await client.query(`SELECT id FROM record`)).rows as { id: string }[];
      const orphans = (
        await client.query(
          `SELECT count(*)::int AS n FROM record r WHERE NOT EXISTS (SELECT 1 FROM audit_event a WHERE a.entity_id = r.id::text AND a.action = 'record.create')`,
        )
      ).rows[0].n as number;
      return { ids: new Set(records.map((row) => row.id)), orphans };
    });
    for (const id of created) expect(stored.ids.has(id)).toBe(true);
    expect(stored.ids.size - created.length).toBeLessThanOrEqual(unavailable.length);
    expect(stored.orphans).toBe(0);

    // The timer that fell due while Postgres was away fires once it is back.
    const timerDeadline = Date.now() + 30_000;
    let status = '';
    while (Date.now() < timerDeadline) {
      status = (await request(url).get(`/api/instances/${instance.body.id}`).set('Authorization', admin).expect(200)).body.status;
      if (status === 'completed') break;
      await sleep(300);
    }
    expect(status).toBe('completed');
    const verified = await request(url).get('/api/audit/verify').set('Authorization', admin).expect(200);
    expect(verified.body.ok).toBe(true);
    process.stdout.write(
      `postgres outage: ${outcomes.length} writes, ${created.length} acknowledged, ${unavailable.length} answered 503 during ${OUTAGE_MS} ms\n`,
    );
  });
});
