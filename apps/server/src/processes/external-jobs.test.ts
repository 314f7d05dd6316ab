import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobWorker } from '../jobs/job-worker';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:tessera="http://tessera.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://tessera.dev/test">
${body}
</bpmn:definitions>`;

/** An AML check no built-in connector knows (an external worker answers it), caught on `aml_hit`. */
const amlBpmn = definitions(`
  <bpmn:error id="Error_hit" errorCode="aml_hit" />
  <bpmn:process id="aml_case" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="aml_check" />
    <bpmn:serviceTask id="aml_check" tessera:jobType="kyc.amlCheck">
      <bpmn:extensionElements>
        <tessera:inputOutput>
          <tessera:inputParameter name="idNumber">\${idNumber}</tessera:inputParameter>
          <tessera:outputParameter name="amlHit">\${amlHit}</tessera:outputParameter>
        </tessera:inputOutput>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="hit" attachedToRef="aml_check"><bpmn:errorEventDefinition errorRef="Error_hit" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="aml_check" targetRef="end_clear" />
    <bpmn:sequenceFlow id="f3" sourceRef="hit" targetRef="end_hit" />
    <bpmn:endEvent id="end_clear" />
    <bpmn:endEvent id="end_hit" />
  </bpmn:process>`);

/** A disbursement over HTTP, retried once a minute, caught on `disbursement_failed`; then an SMS to the customer. */
const disburseBpmn = (url: string) =>
  definitions(`
  <bpmn:error id="Error_failed" errorCode="disbursement_failed" />
  <bpmn:process id="disburse_case" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="disburse" />
    <bpmn:serviceTask id="disburse" tessera:jobType="http">
      <bpmn:extensionElements>
        <tessera:inputOutput>
          <tessera:inputParameter name="method">POST</tessera:inputParameter>
          <tessera:inputParameter name="url">${url}/\${path}</tessera:inputParameter>
          <tessera:inputParameter name="body">\${amount}</tessera:inputParameter>
          <tessera:inputParameter name="retries">1</tessera:inputParameter>
          <tessera:inputParameter name="retryBackoff">PT1M</tessera:inputParameter>
          <tessera:inputParameter name="timeoutMs">\${timeoutMs}</tessera:inputParameter>
          <tessera:outputParameter name="disbursementId">\${response.disbursementId}</tessera:outputParameter>
        </tessera:inputOutput>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:boundaryEvent id="failed" attachedToRef="disburse"><bpmn:errorEventDefinition errorRef="Error_failed" /></bpmn:boundaryEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="disburse" targetRef="tell_customer" />
    <bpmn:sendTask id="tell_customer" tessera:jobType="notify.customer">
      <bpmn:extensionElements>
        <tessera:inputOutput>
          <tessera:inputParameter name="template">loan_disbursed</tessera:inputParameter>
          <tessera:inputParameter name="customer">\${customer}</tessera:inputParameter>
        </tessera:inputOutput>
      </bpmn:extensionElements>
    </bpmn:sendTask>
    <bpmn:sequenceFlow id="f3" sourceRef="tell_customer" targetRef="end_paid" />
    <bpmn:sequenceFlow id="f4" sourceRef="failed" targetRef="end_failed" />
    <bpmn:endEvent id="end_paid" />
    <bpmn:endEvent id="end_failed" />
  </bpmn:process>`);

interface Job {
  id: string;
  kind: string;
  state: string;
  jobType: string;
  elementId: string;
  variables: Record<string, unknown>;
  retries: number | null;
  errorMessage: string | null;
}

describe('external jobs, HTTP calls outside the transaction and the customer outbox', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let worker: JobWorker;
  let dataSource: DataSource;
  const bearer: Record<string, string> = {};
  /** The stub core-banking endpoint: each path answers as `answers[path]` says, when it says. */
  const answers = new Map<string, { status: number; body: unknown; release?: Promise<void> }>();
  const calls: string[] = [];
  let core: http.Server;

  beforeAll(async () => {
    core = http.createServer((req, res) => {
      const path = (req.url ?? '/').slice(1);
      calls.push(path);
      const answer = answers.get(path) ?? { status: 500, body: { message: 'unexpected' } };
      void (answer.release ?? Promise.resolve()).then(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => core.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(core.address() as AddressInfo).port}`;
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    worker = testApp.app.get(JobWorker);
    dataSource = testApp.app.get(DataSource);
    for (const username of ['admin', 'integration', 'account_manager', 'supervisor'])
      bearer[username] = await bearerFor(server, username);
    for (const xml of [amlBpmn, disburseBpmn(url)])
      await request(server)
        .post('/api/processes?appKey=jobs')
        .set('Authorization', bearer.admin!)
        .set('Content-Type', 'application/xml')
        .send(xml)
        .expect(201);
  }, 180_000);
  afterAll(async () => {
    await testApp.close();
    await new Promise((resolve) => core.close(resolve));
  });

  const start = async (processKey: string, variables: Record<string, unknown>): Promise<string> =>
    (
      await request(server)
        .post(`/api/processes/${processKey}/instances`)
        .set('Authorization', bearer.admin!)
        .send({ variables })
        .expect(201)
    ).body.id;
  const instance = async (id: string) =>
    (await request(server).get(`/api/instances/${id}`).set('Authorization', bearer.admin!).expect(200)).body;
  const jobsOf = async (instanceId: string): Promise<Job[]> =>
    (
      await request(server)
        .get(`/api/jobs?instanceId=${instanceId}`)
        .set('Authorization', bearer.integration!)
        .expect(200)
    ).body.items;
  const fetchAndLock = async (workerId: string, lockSeconds = 60): Promise<Job[]> =>
    (
      await request(server)
        .post('/api/jobs/fetch-and-lock')
        .set('Authorization', bearer.integration!)
        .send({ workerId, types: ['kyc.amlCheck'], maxJobs: 50, lockSeconds })
        .expect(200)
    ).body.items;
  const ended = (body: { history: { elementId: string | null }[] }) => body.history.map((event) => event.elementId);

  it('lets one worker lock an external job, refuses it to others and completes it with variables', async () => {
    const id = await start('aml_case', { idNumber: '110101199003070011' });
    const [open] = await jobsOf(id);
    expect(open).toMatchObject({
      kind: 'external',
      state: 'open',
      jobType: 'kyc.amlCheck',
      elementId: 'aml_check',
      variables: { idNumber: '110101199003070011' },
    });
    const locked = (await fetchAndLock('worker-a')).filter((job) => job.id === open!.id);
    expect(locked).toEqual([expect.objectContaining({ state: 'locked' })]);
    expect((await fetchAndLock('worker-b')).map((job) => job.id)).not.toContain(open!.id);
    const refused = await request(server)
      .post(`/api/jobs/${open!.id}/complete`)
      .set('Authorization', bearer.integration!)
      .send({ workerId: 'worker-b', variables: {} })
      .expect(409);
    expect(refused.body.code).toBe('job.lockedByOther');
    await request(server)
      .post(`/api/jobs/${open!.id}/complete`)
      .set('Authorization', bearer.integration!)
      .send({ workerId: 'worker-a', variables: { amlHit: false } })
      .expect(200);
    const done = await instance(id);
    expect(done).toMatchObject({ status: 'completed', variables: { amlHit: false } });
    expect(ended(done)).toContain('end_clear');
    expect((await jobsOf(id))[0]).toMatchObject({ state: 'completed' });
    const again = await request(server)
      .post(`/api/jobs/${open!.id}/complete`)
      .set('Authorization', bearer.integration!)
      .send({ workerId: 'worker-a' })
      .expect(409);
    expect(again.body.code).toBe('job.closed');
    await request(server)
      .post('/api/jobs/00000000-0000-4000-8000-000000000000/complete')
      .set('Authorization', bearer.integration!)
      .send({})
      .expect(404);
  });

  it('offers a failed job again while retries remain, then makes it an incident of the instance', async () => {
    const id = await start('aml_case', { idNumber: '110101199003070022' });
    const [job] = await jobsOf(id);
    const failed = await request(server)
      .post(`/api/jobs/${job!.id}/fail`)
      .set('Authorization', bearer.integration!)
      .send({ message: 'AML service down', retries: 1, retryAfterSeconds: 3600 })
      .expect(200);
    expect(failed.body).toMatchObject({ state: 'open', retries: 1, errorMessage: 'AML service down' });
    expect((await fetchAndLock('worker-c')).map((candidate) => candidate.id)).not.toContain(job!.id);
    await request(server)
      .post(`/api/jobs/${job!.id}/fail`)
      .set('Authorization', bearer.integration!)
      .send({ message: 'still down', retries: 0 })
      .expect(200);
    expect((await jobsOf(id))[0]).toMatchObject({ state: 'incident', retries: 0 });
    const stuck = await instance(id);
    expect(stuck.status).toBe('incident');
    expect(stuck.incidents).toEqual([expect.objectContaining({ elementId: 'aml_check', message: 'still down' })]);
    await request(server)
      .post(`/api/instances/${id}/incidents/${stuck.incidents[0].id}/retry`)
      .set('Authorization', bearer.account_manager!)
      .expect(403);
    await request(server)
      .post(`/api/instances/${id}/incidents/no-such-incident/retry`)
      .set('Authorization', bearer.supervisor!)
      .expect(404);
    const retried = await request(server)
      .post(`/api/instances/${id}/incidents/${stuck.incidents[0].id}/retry`)
      .set('Authorization', bearer.supervisor!)
      .expect(200);
    expect(retried.body).toMatchObject({ status: 'active', incidents: [] });
    const again = (await jobsOf(id)).filter((candidate) => candidate.state === 'open');
    expect(again).toHaveLength(1);
    await request(server)
      .post(`/api/jobs/${again[0]!.id}/complete`)
      .set('Authorization', bearer.integration!)
      .send({ variables: { amlHit: false } })
      .expect(200);
    expect((await instance(id)).status).toBe('completed');
    const invalid = await request(server)
      .post(`/api/jobs/${job!.id}/fail`)
      .set('Authorization', bearer.integration!)
      .send({ retries: -1 })
      .expect(400);
    expect(invalid.body.details.map((detail: { path: string }) => detail.path)).toEqual(
      expect.arrayContaining(['message', 'retries']),
    );
  });

  it('routes a BPMN error to the boundary event that catches its code', async () => {
    const id = await start('aml_case', { idNumber: '110101199003070033' });
    const [job] = await jobsOf(id);
    await request(server)
      .post(`/api/jobs/${job!.id}/bpmn-error`)
      .set('Authorization', bearer.integration!)
      .send({ errorCode: 'aml_hit', message: '命中名单' })
      .expect(200);
    expect(ended(await instance(id))).toContain('end_hit');
  });

  it('is for the integration role: others are refused', async () => {
    await request(server).get('/api/jobs').set('Authorization', bearer.account_manager!).expect(403);
    await request(server)
      .post('/api/jobs/fetch-and-lock')
      .set('Authorization', bearer.account_manager!)
      .send({ workerId: 'x', types: ['kyc.amlCheck'] })
      .expect(403);
    await request(server).get('/api/jobs').set('Authorization', bearer.supervisor!).expect(200);
  });

  it('calls an HTTP endpoint outside the database transaction and applies its answer afterwards', async () => {
    let release!: () => void;
    answers.set('slow', {
      status: 200,
      body: { disbursementId: 'DSB-1' },
      release: new Promise<void>((resolve) => (release = resolve)),
    });
    const id = await start('disburse_case', {
      path: 'slow',
      amount: { value: '1000.00' },
      customer: { id: 'cust-9', display: '何明' },
    });
    const [job] = await jobsOf(id);
    expect(job).toMatchObject({ kind: 'builtin', jobType: 'http', elementId: 'disburse', state: 'open' });
    // The claim commits at once; the call waits for the endpoint while the database stays free.
    expect((await worker.runDueJobs()).claimed).toBeGreaterThanOrEqual(1);
    expect((await jobsOf(id))[0]).toMatchObject({ state: 'locked' });
    const meanwhile = await start('aml_case', { idNumber: '110101199003070044' });
    expect((await instance(meanwhile)).status).toBe('active');
    expect(calls).toContain('slow');
    release();
    await worker.settle();
    await worker.runDueJobs();
    const paid = await instance(id);
    expect(paid).toMatchObject({ status: 'completed', variables: { disbursementId: 'DSB-1' } });
    expect(ended(paid)).toContain('end_paid');
    const outbox = await request(server)
      .get('/api/outbox?recipient=cust-9')
      .set('Authorization', bearer.integration!)
      .expect(200);
    expect(outbox.body.items).toEqual([
      expect.objectContaining({ recipient: 'cust-9', channel: 'sms', template: 'loan_disbursed', instanceId: id }),
    ]);
    await request(server).get('/api/outbox?recipient=cust-9').set('Authorization', bearer.account_manager!).expect(403);
  });

  it('retries a failing endpoint after the backoff the task names, then raises an incident', async () => {
    answers.set('down', { status: 503, body: { message: 'maintenance' } });
    const id = await start('disburse_case', { path: 'down', amount: {}, customer: { id: 'cust-8' } });
    await worker.runDueJobs();
    await worker.settle();
    const [row] = (await dataSource.query(
      `SELECT attempts, max_attempts, status, extract(epoch FROM due_at - now()) AS delay FROM job WHERE instance_id = $1 AND kind = 'process.job'`,
      [id],
    )) as { attempts: number; max_attempts: number; status: string; delay: string }[];
    expect(row).toMatchObject({ attempts: 1, max_attempts: 2, status: 'pending' });
    expect(Number(row!.delay)).toBeGreaterThan(50);
    expect(Number(row!.delay)).toBeLessThanOrEqual(60);
    await dataSource.query(`UPDATE job SET due_at = now() WHERE instance_id = $1 AND status = 'pending'`, [id]);
    await worker.runDueJobs();
    await worker.settle();
    const [failedJob] = await jobsOf(id);
    expect(failedJob).toMatchObject({ state: 'incident' });
    expect((await instance(id)).status).toBe('incident');
    // Core banking is back: the incident's retry asks the engine for the step again, and it succeeds.
    answers.set('down', { status: 200, body: { disbursementId: 'DSB-AGAIN' } });
    const incidents = await request(server).get('/api/incidents').set('Authorization', bearer.supervisor!).expect(200);
    expect(incidents.body.items.map((job: { id: string }) => job.id)).toContain(failedJob!.id);
    await request(server)
      .post(`/api/incidents/${failedJob!.id}/retry`)
      .set('Authorization', bearer.supervisor!)
      .expect(201);
    for (let round = 0; round < 4; round++) {
      await worker.runDueJobs();
      await worker.settle();
    }
    expect(await instance(id)).toMatchObject({ status: 'completed', variables: { disbursementId: 'DSB-AGAIN' } });
  });

  it('turns a refusal with an error code into the BPMN error, without retrying', async () => {
    answers.set('refused', { status: 422, body: { errorCode: 'disbursement_failed', message: '额度不足' } });
    const id = await start('disburse_case', { path: 'refused', amount: {}, customer: { id: 'cust-7' } });
    const before = calls.filter((path) => path === 'refused').length;
    await worker.runDueJobs();
    await worker.settle();
    expect(calls.filter((path) => path === 'refused').length).toBe(before + 1);
    const failed = await instance(id);
    expect(failed.status).toBe('completed');
    expect(ended(failed)).toContain('end_failed');
  });

  it('gives up on an endpoint that does not answer within timeoutMs and tries again later', async () => {
    let release!: () => void;
    answers.set('hang', { status: 200, body: {}, release: new Promise<void>((resolve) => (release = resolve)) });
    const id = await start('disburse_case', { path: 'hang', amount: {}, customer: { id: 'cust-6' }, timeoutMs: 300 });
    await worker.runDueJobs();
    await worker.settle();
    const [row] = (await dataSource.query(
      `SELECT attempts, status, last_error, locked_until FROM job WHERE instance_id = $1 AND kind = 'process.job'`,
      [id],
    )) as { attempts: number; status: string; last_error: string; locked_until: Date | null }[];
    expect(row).toMatchObject({ attempts: 1, status: 'pending', locked_until: null });
    expect(row!.last_error).toMatch(/abort|timeout/i);
    release();
  });

  it('does not apply an answer after its lease went to another worker', async () => {
    let release!: () => void;
    answers.set('late', {
      status: 200,
      body: { disbursementId: 'DSB-LATE' },
      release: new Promise<void>((resolve) => (release = resolve)),
    });
    const id = await start('disburse_case', { path: 'late', amount: {}, customer: { id: 'cust-5' } });
    await worker.runDueJobs();
    // The lease ran out while the call hung, and another worker claimed the job.
    await dataSource.query(
      `UPDATE job SET locked_by = 'another-worker' WHERE instance_id = $1 AND kind = 'process.job'`,
      [id],
    );
    release();
    await worker.settle();
    const stillWaiting = await instance(id);
    expect(stillWaiting.status).toBe('active');
    expect(stillWaiting.variables.disbursementId).toBeUndefined();
    const [row] = (await dataSource.query(
      `SELECT status, attempts FROM job WHERE instance_id = $1 AND kind = 'process.job'`,
      [id],
    )) as {
      status: string;
      attempts: number;
    }[];
    expect(row).toEqual({ status: 'pending', attempts: 0 });
  });
});
