import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { TestDatabase } from '../test-support/test-database';
import { type ChildServer, faultDatabase, signIn, startChildServer, withSchema } from './child-server';

const bpmn = fs.readFileSync(path.join(__dirname, 'fixtures/day-wait.bpmn'), 'utf8');
const TIMERS = 1_000;

/**
 * Two server processes on one Postgres database, each with its own controllable clock: 1,000 timers
 * fall due at once when both clocks move a day and a half forward. Jobs are claimed with
 * FOR UPDATE SKIP LOCKED, so every timer fires exactly once in total, whichever process takes it.
 * Real Postgres only (two processes cannot share an embedded database).
 */
describe('two server processes sharing one Postgres', () => {
  let database: TestDatabase;
  const servers: ChildServer[] = [];

  beforeAll(async () => {
    database = await faultDatabase();
  });
  afterAll(async () => {
    for (const server of servers) await server.kill();
    await database?.cleanup();
  });

  it(`fire ${TIMERS} timers due at once exactly once in total, both doing part of the work`, async () => {
    const env = { TESSERA_CLOCK: 'controllable', TESSERA_WORKER_POLL_MS: '100' };
    // The first start runs the migrations; the second finds them applied.
    servers.push(await startChildServer(database, env));
    servers.push(await startChildServer(database, env));
    const [first, second] = servers as [ChildServer, ChildServer];
    const admin = [await signIn(first.url, 'admin'), await signIn(second.url, 'admin')];
    await request(first.url).post('/api/processes?appKey=timers').set('Authorization', admin[0]!).set('Content-Type', 'application/xml').send(bpmn).expect(201);

    // Instances are started through both processes, four at a time on each.
    let next = 0;
    const lane = async (index: number) => {
      const server = servers[index % 2]!;
      for (let item = next++; item < TIMERS; item = next++) {
        await request(server.url)
          .post('/api/processes/day_wait/instances')
          .set('Authorization', admin[index % 2]!)
          .send({ businessKey: `timer-${item}` })
          .expect(201);
      }
    };
    const startedAt = Date.now();
    await Promise.all(Array.from({ length: 8 }, (_, index) => lane(index)));
    const startMs = Date.now() - startedAt;
    const pending = await withSchema(database, (client) =>
      client.query(`SELECT count(*)::int AS n FROM job WHERE kind = 'process.timer' AND status = 'pending'`).then((result) => result.rows[0].n as number),
    );
    expect(pending).toBe(TIMERS);

    // Both clocks move 36 hours at the same moment: every timer is due on both processes.
    const firedAt = Date.now();
    const advanced = await Promise.all(
      servers.map((server, index) =>
        request(server.url).post('/api/clock/advance').set('Authorization', admin[index]!).send({ by: 'PT36H' }).expect(201),
      ),
    );
    const deadline = Date.now() + 60_000;
    let remaining = TIMERS;
    while (Date.now() < deadline && remaining > 0) {
      remaining = await withSchema(database, (client) =>
        client.query(`SELECT count(*)::int AS n FROM job WHERE kind = 'process.timer' AND status <> 'done'`).then((result) => result.rows[0].n as number),
      );
      if (remaining > 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(remaining).toBe(0);
    const fireMs = Date.now() - firedAt;

    const { byWorker, history, instances, jobs } = await withSchema(database, async (client) => ({
      byWorker: (
        await client.query(
          `SELECT split_part(completed_by, ':', 2) AS pid, count(*)::int AS n FROM job WHERE kind = 'process.timer' GROUP BY 1 ORDER BY 1`,
        )
      ).rows as { pid: string; n: number }[],
      history: (await client.query(`SELECT kind, count(*)::int AS n FROM process_history WHERE element_id = 'wait' GROUP BY kind`)).rows as {
        kind: string;
        n: number;
      }[],
      instances: (await client.query(`SELECT status, count(*)::int AS n FROM process_instance GROUP BY status`)).rows as { status: string; n: number }[],
      jobs: (await client.query(`SELECT count(*)::int AS n FROM job WHERE kind = 'process.timer'`)).rows[0].n as number,
    }));
    // Exactly one timer job per instance, each done once, and each step of the wait recorded once per instance.
    expect(jobs).toBe(TIMERS);
    expect(instances).toEqual([{ status: 'completed', n: TIMERS }]);
    expect(history.length).toBeGreaterThan(0);
    for (const row of history) expect(row).toEqual({ kind: row.kind, n: TIMERS });
    const pids = servers.map((server) => String(server.child.pid));
    expect(byWorker.map((row) => row.pid).sort()).toEqual(pids.sort());
    expect(byWorker.reduce((sum, row) => sum + row.n, 0)).toBe(TIMERS);
    process.stdout.write(
      `two processes, ${TIMERS} timers: ${byWorker.map((row) => `pid ${row.pid} fired ${row.n}`).join(', ')}; ` +
        `advance calls ran ${advanced.map((response) => response.body.jobsRun as number).join(' + ')} jobs; ` +
        `starting the instances took ${startMs} ms, firing the timers ${fireMs} ms\n`,
    );
  });
});
