import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { NOTIFY_JOB } from '../notifications/notifications.service';
import { JobHandlers } from './job-handlers';
import { JobWorker } from './job-worker';
import { JobsService } from './jobs.service';

describe('jobs', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let dataSource: DataSource;
  let jobs: JobsService;
  let worker: JobWorker;
  let flakyRuns = 0;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    dataSource = testApp.app.get(DataSource);
    jobs = testApp.app.get(JobsService);
    worker = testApp.app.get(JobWorker);
    // A kind that writes, then fails on its first two runs: its failed runs must leave nothing behind.
    testApp.app.get(JobHandlers).register('flaky', async (job, manager) => {
      flakyRuns += 1;
      await manager.query(
        `INSERT INTO notification (id, user_id, title, job_id) VALUES (gen_random_uuid(), 'flaky', '{}'::jsonb, $1)`,
        [job.id],
      );
      if (flakyRuns <= 2) throw new Error(`flaky run ${flakyRuns} failed`);
    });
  });
  afterAll(() => testApp.close());

  const schedule = (job: Parameters<JobsService['schedule']>[1][number]) =>
    dataSource.transaction((manager) => jobs.schedule(manager, [job]));
  const userId = async (username: string) =>
    ((await dataSource.query(`SELECT id FROM app_user WHERE username = $1`, [username])) as { id: string }[])[0]!.id;
  const makeDue = (id: string) => dataSource.query(`UPDATE job SET due_at = now() WHERE id = $1`, [id]);

  it('runs a due notify job once and the message lands in the user inbox', async () => {
    const [id] = await schedule({
      kind: NOTIFY_JOB,
      payload: { userIds: [await userId('credit_officer')], title: { 'zh-CN': '请审批', en: 'Please approve' } },
    });
    expect(await worker.runDueJobs()).toEqual({ claimed: 1, done: 1, failed: 0 });
    expect(await worker.runDueJobs()).toEqual({ claimed: 0, done: 0, failed: 0 });
    expect(await jobs.get(id!)).toMatchObject({ status: 'done', attempts: 1, completedBy: worker.workerId });

    const bearer = await bearerFor(server, 'credit_officer');
    const inbox = await request(server).get('/api/notifications?unread=true').set('Authorization', bearer).expect(200);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0].title).toEqual({ 'zh-CN': '请审批', en: 'Please approve' });
    await request(server)
      .post(`/api/notifications/${inbox.body.items[0].id}/read`)
      .set('Authorization', bearer)
      .expect(204);
    const after = await request(server).get('/api/notifications?unread=true').set('Authorization', bearer).expect(200);
    expect(after.body.items).toHaveLength(0);
  });

  it('leaves a job that is not due yet alone', async () => {
    const [id] = await schedule({
      kind: NOTIFY_JOB,
      payload: { userIds: ['x'], title: { 'zh-CN': '稍后', en: 'Later' } },
      dueAt: new Date(Date.now() + 3600_000),
    });
    expect((await worker.runDueJobs()).claimed).toBe(0);
    expect(await jobs.get(id!)).toMatchObject({ status: 'pending', attempts: 0 });
    await dataSource.query(`UPDATE job SET status = 'cancelled' WHERE id = $1`, [id]);
  });

  it('retries a failing job with a doubling delay and rolls back the writes of failed runs', async () => {
    const [id] = await schedule({ kind: 'flaky' });
    expect(await worker.runDueJobs()).toEqual({ claimed: 1, done: 0, failed: 1 });
    const [first] = await dataSource.query(
      `SELECT attempts, last_error, extract(epoch FROM due_at - now()) AS delay FROM job WHERE id = $1`,
      [id],
    );
    expect(first).toMatchObject({ attempts: 1, last_error: 'flaky run 1 failed' });
    expect(Number(first.delay)).toBeGreaterThan(8);
    expect(Number(first.delay)).toBeLessThanOrEqual(10);

    await makeDue(id!);
    await worker.runDueJobs();
    const [second] = await dataSource.query(
      `SELECT attempts, extract(epoch FROM due_at - now()) AS delay FROM job WHERE id = $1`,
      [id],
    );
    expect(second.attempts).toBe(2);
    expect(Number(second.delay)).toBeGreaterThan(18);

    await makeDue(id!);
    expect(await worker.runDueJobs()).toEqual({ claimed: 1, done: 1, failed: 0 });
    const written = await dataSource.query(`SELECT count(*)::int AS count FROM notification WHERE job_id = $1`, [id]);
    expect(written[0].count).toBe(1);
  });

  it('turns a job into an incident after its last attempt, lists it and retries it on request', async () => {
    const [id] = await schedule({ kind: 'no-such-kind', maxAttempts: 2 });
    await worker.runDueJobs();
    await makeDue(id!);
    await worker.runDueJobs();
    expect(await jobs.get(id!)).toMatchObject({
      status: 'incident',
      attempts: 2,
      lastError: 'No handler is registered for job kind "no-such-kind"',
    });

    const supervisor = await bearerFor(server, 'supervisor');
    const incidents = await request(server).get('/api/incidents').set('Authorization', supervisor).expect(200);
    expect(incidents.body.items.map((job: { id: string }) => job.id)).toContain(id);
    const manager = await bearerFor(server, 'account_manager');
    await request(server).post(`/api/incidents/${id}/retry`).set('Authorization', manager).expect(403);

    const retried = await request(server)
      .post(`/api/incidents/${id}/retry`)
      .set('Authorization', supervisor)
      .expect(201);
    expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0 });
    await request(server).post(`/api/incidents/${id}/retry`).set('Authorization', supervisor).expect(404);
    const audit = await dataSource.query(
      `SELECT action FROM audit_event WHERE entity_type = 'job' AND entity_id = $1`,
      [id],
    );
    expect(audit).toEqual([{ action: 'incident.retry' }]);
  });
});

const postgresUrl = process.env.DATABASE_URL;

// Two processes sharing a queue only exist on Postgres; the embedded database has one process.
if (postgresUrl) {
  describe('two server processes on one Postgres', () => {
    it('fire 1,000 due jobs exactly once in total', async () => {
      const first = await startTestApp({ config: { workerEnabled: false, workerPollMs: 20 } });
      const second = await startTestApp({
        database: first.database,
        config: { workerEnabled: false, workerPollMs: 20 },
      });
      try {
        const dataSource = first.app.get(DataSource);
        const userIds = Array.from({ length: 1000 }, (_, index) => `user-${index}`);
        await dataSource.transaction((manager) =>
          first.app.get(JobsService).schedule(
            manager,
            userIds.map((user) => ({
              kind: NOTIFY_JOB,
              payload: { userIds: [user], title: { 'zh-CN': '到期', en: 'Due' } },
            })),
          ),
        );
        const workers = [first.app.get(JobWorker), second.app.get(JobWorker)];
        workers.forEach((worker) => worker.start());
        const deadline = Date.now() + 60_000;
        for (;;) {
          const [{ pending }] = await dataSource.query(
            `SELECT count(*)::int AS pending FROM job WHERE status = 'pending'`,
          );
          if (pending === 0 || Date.now() > deadline) break;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await Promise.all(workers.map((worker) => worker.stop()));

        const [jobsRun] = await dataSource.query(
          `SELECT count(*)::int AS done, max(attempts) AS max_attempts FROM job WHERE status = 'done'`,
        );
        expect(jobsRun).toEqual({ done: 1000, max_attempts: 1 });
        const [delivered] = await dataSource.query(
          `SELECT count(*)::int AS messages, count(DISTINCT job_id)::int AS jobs FROM notification`,
        );
        expect(delivered).toEqual({ messages: 1000, jobs: 1000 });
        const byWorker = await dataSource.query(
          `SELECT completed_by, count(*)::int AS count FROM job GROUP BY completed_by`,
        );
        expect(byWorker.map((row: { completed_by: string }) => row.completed_by).sort()).toEqual(
          workers.map((worker) => worker.workerId).sort(),
        );
      } finally {
        await second.close({ keepDatabase: true });
        await first.close();
      }
    });
  });
}
