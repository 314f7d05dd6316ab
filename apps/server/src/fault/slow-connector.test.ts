import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearerFor } from '../test-support/sign-in';
import { loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import { startTestApp, type TestApp } from '../test-support/test-app';

const CALL_TIMEOUT_MS = 1_500;

const bpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:tessera="http://tessera.dev/schema/bpmn/1.0" id="slow_defs" targetNamespace="http://tessera.dev/test">
  <bpmn:process id="slow_scoring" name="外部评分" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="score" />
    <bpmn:serviceTask id="score" name="调用评分系统" tessera:jobType="http" />
    <bpmn:sequenceFlow id="f2" sourceRef="score" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>
</bpmn:definitions>`;

/**
 * A connector that calls a slow system: the call times out, is retried with backoff, becomes an
 * incident, and completes once the system is fixed and the incident retried. While the call hangs
 * the server keeps answering and holds no database session open for it.
 */
describe('an HTTP service task against an endpoint slower than its timeout', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let dataSource: DataSource;
  let endpoint: http.Server;
  let slow = true;
  let calls = 0;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    endpoint = http.createServer((req, res) => {
      calls += 1;
      if (!slow) {
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ score: 720 }));
        return;
      }
      // Sleeps far beyond the timeout; the connector gives up first.
      const timer = setTimeout(() => res.end('{}'), 20_000);
      req.on('close', () => clearTimeout(timer));
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    testApp = await startTestApp({ config: { workerEnabled: true, workerPollMs: 100 } });
    server = testApp.app.getHttpServer();
    dataSource = testApp.app.get(DataSource);
    for (const user of ['admin', 'account_manager']) bearer[user] = await bearerFor(server, user);
    await request(server).post('/api/forms').set('Authorization', bearer.admin!).send({ appKey: 'loan-approval', definition: loanApplicationDefinition() }).expect(201);
    await request(server).post('/api/processes?appKey=slow').set('Authorization', bearer.admin!).set('Content-Type', 'application/xml').send(bpmn).expect(201);
  });
  afterAll(async () => {
    await testApp?.close();
    endpoint.closeAllConnections();
    await new Promise<void>((resolve) => endpoint.close(() => resolve()));
  });

  it('times out, retries with backoff, becomes an incident, keeps serving meanwhile, and completes when retried after the fix', async () => {
    const url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/score`;
    const started = await request(server)
      .post('/api/processes/slow_scoring/instances')
      .set('Authorization', bearer.admin!)
      .send({ businessKey: 'slow-1', variables: { url, method: 'POST', timeoutMs: CALL_TIMEOUT_MS, retries: 2, retryBackoff: 'PT1S' } })
      .expect(201);
    const instanceId = started.body.id as string;

    // While the first call hangs: other requests are answered promptly and no session idles in a transaction.
    const waitUntil = async (what: string, check: () => boolean | Promise<boolean>, ms: number) => {
      const deadline = Date.now() + ms;
      while (!(await check())) {
        if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    await waitUntil('the first call', () => calls >= 1, 10_000);
    const before = Date.now();
    await request(server)
      .post('/api/forms/loan_application/records')
      .set('Authorization', bearer.account_manager!)
      .send({ data: loanApplicationData(5) })
      .expect(201);
    await request(server).get('/api/health').expect(200);
    const served = Date.now() - before;
    expect(served).toBeLessThan(CALL_TIMEOUT_MS);
    if (testApp.database.kind === 'postgres') {
      const [idle] = (await dataSource.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'
           AND query ILIKE '%job%'`,
      )) as { n: number }[];
      expect(idle!.n).toBe(0);
    }

    // Three attempts (retries: 2), a second apart, then an incident.
    let incident: { id: string; attempts: number; lastError: string; instanceId: string } | undefined;
    await waitUntil(
      'the incident',
      async () => {
        const listed = await request(server).get('/api/incidents').set('Authorization', bearer.admin!).expect(200);
        incident = (listed.body.items as NonNullable<typeof incident>[]).find((item) => item.instanceId === instanceId);
        return incident !== undefined;
      },
      30_000,
    );
    expect(incident!.attempts).toBe(3);
    expect(incident!.lastError).toMatch(/time|abort/i);
    expect(calls).toBe(3);
    const instance = await request(server).get(`/api/instances/${instanceId}`).set('Authorization', bearer.admin!).expect(200);
    expect(instance.body.status).not.toBe('completed');

    // The system is fixed; an operator retries the incident and the instance completes.
    slow = false;
    await request(server).post(`/api/incidents/${incident!.id}/retry`).set('Authorization', bearer.admin!).expect(201);
    await waitUntil(
      'the instance to complete',
      async () =>
        (await request(server).get(`/api/instances/${instanceId}`).set('Authorization', bearer.admin!).expect(200)).body.status === 'completed',
      15_000,
    );
    expect(calls).toBe(4);
    const left = await request(server).get('/api/incidents').set('Authorization', bearer.admin!).expect(200);
    expect((left.body.items as { instanceId: string }[]).filter((item) => item.instanceId === instanceId)).toEqual([]);
  });
});
