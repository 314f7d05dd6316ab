import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { JobWorker } from '../jobs/job-worker';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { demoUsers } from '../users/demo-users';

const reviewBpmn = fs.readFileSync(path.join(__dirname, 'fixtures', 'review.bpmn'), 'utf8');
const label = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const reviewForm = {
  key: 'review_form',
  version: 1,
  title: label('审查', 'Review'),
  fields: [
    {
      key: 'amount',
      type: 'money',
      label: label('金额', 'Amount'),
      required: true,
      permissions: { steps: { review: 'read' } },
    },
    { key: 'purpose', type: 'text', label: label('用途', 'Purpose'), permissions: { steps: { review: 'read' } } },
    {
      key: 'decision',
      type: 'select',
      label: label('结论', 'Decision'),
      required: true,
      options: [
        { value: 'approve', label: label('同意', 'Approve') },
        { value: 'reject', label: label('拒绝', 'Reject') },
      ],
      permissions: { steps: { submit: 'hidden' } },
    },
  ],
};

describe('processes and tasks', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let worker: JobWorker;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    worker = testApp.app.get(JobWorker);
    for (const user of demoUsers) bearer[user.username] = await bearerFor(server, user.username);
    await request(server)
      .post('/api/forms')
      .set('Authorization', bearer.admin!)
      .send({ appKey: 'loans', definition: reviewForm })
      .expect(201);
    const deployed = await request(server)
      .post('/api/processes?appKey=loans')
      .set('Authorization', bearer.admin!)
      .set('Content-Type', 'application/xml')
      .send(reviewBpmn)
      .expect(201);
    expect(deployed.body).toMatchObject({ key: 'credit_review', version: 1, appKey: 'loans' });
    // Eight argon2 sign-ins and an embedded database start: slow on a busy machine.
  }, 180_000);
  afterAll(() => testApp.close());

  const inbox = async (username: string, view: string) =>
    (await request(server).get(`/api/tasks?view=${view}`).set('Authorization', bearer[username]!).expect(200)).body
      .items as { id: string; elementId: string; instanceId: string }[];
  const startReview = async (amount = '120000.00') => {
    const started = await request(server)
      .post('/api/processes/credit_review/instances')
      .set('Authorization', bearer.account_manager!)
      .send({ businessKey: `loan-${amount}` })
      .expect(201);
    const [submit] = (await inbox('account_manager', 'mine')).filter((task) => task.instanceId === started.body.id);
    await request(server)
      .post(`/api/tasks/${submit!.id}/complete`)
      .set('Authorization', bearer.account_manager!)
      .send({ data: { amount, purpose: '装修' } })
      .expect(200);
    const [review] = (await inbox('credit_officer', 'candidate')).filter((task) => task.instanceId === started.body.id);
    return { instanceId: started.body.id as string, reviewTaskId: review!.id };
  };

  it('refuses a BPMN that does not compile with 422 naming the elements', async () => {
    const broken = reviewBpmn.replace('targetRef="review" />', 'targetRef="nowhere" />');
    const response = await request(server)
      .post('/api/processes?appKey=loans')
      .set('Authorization', bearer.admin!)
      .set('Content-Type', 'application/xml')
      .send(broken)
      .expect(422);
    expect(response.body.code).toBe('process.invalid');
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain('to_review');
  });

  it('deploys a new version while instances keep theirs', async () => {
    const { instanceId } = await startReview('50000.00');
    const second = await request(server)
      .post('/api/processes?appKey=loans')
      .set('Authorization', bearer.admin!)
      .set('Content-Type', 'application/xml')
      .send(reviewBpmn)
      .expect(201);
    expect(second.body.version).toBe(2);
    const instance = await request(server)
      .get(`/api/instances/${instanceId}`)
      .set('Authorization', bearer.account_manager!)
      .expect(200);
    expect(instance.body.processVersion).toBe(1);
  });

  it('puts a step task in the starter inbox and a role task in every candidate inbox, and nowhere else', async () => {
    const { instanceId, reviewTaskId } = await startReview();
    expect((await inbox('credit_officer', 'candidate')).map((task) => task.id)).toContain(reviewTaskId);
    expect((await inbox('account_manager', 'started')).map((task) => task.id)).toContain(reviewTaskId);
    for (const username of ['account_manager_west', 'risk_officer', 'complaint_handler']) {
      expect((await inbox(username, 'candidate')).map((task) => task.instanceId)).not.toContain(instanceId);
    }
    // The task exists: someone who may not see it is refused, not told it is missing.
    const refused = await request(server)
      .get(`/api/tasks/${reviewTaskId}`)
      .set('Authorization', bearer.account_manager_west!)
      .expect(403);
    expect(refused.body.code).toBe('task.forbidden');
    const missing = await request(server)
      .get('/api/tasks/00000000-0000-4000-8000-000000000000')
      .set('Authorization', bearer.account_manager_west!)
      .expect(404);
    expect(missing.body.code).toBe('task.notFound');
  });

  it('shows the task form projected for the step and enforces the step on completion', async () => {
    const { reviewTaskId } = await startReview('80000.00');
    const task = await request(server)
      .get(`/api/tasks/${reviewTaskId}`)
      .set('Authorization', bearer.credit_officer!)
      .expect(200);
    expect(task.body).toMatchObject({
      step: 'review',
      data: { amount: '80000.00', purpose: '装修' },
      form: { key: 'review_form' },
    });

    const notCandidate = await request(server)
      .post(`/api/tasks/${reviewTaskId}/complete`)
      .set('Authorization', bearer.risk_officer!)
      .send({ data: { decision: 'approve' } });
    expect(notCandidate.status).toBe(403);
    expect(notCandidate.body.code).toBe('task.forbidden');
    const readOnly = await request(server)
      .post(`/api/tasks/${reviewTaskId}/complete`)
      .set('Authorization', bearer.credit_officer!)
      .send({ data: { decision: 'approve', amount: '1.00' } })
      .expect(403);
    expect(readOnly.body).toMatchObject({ code: 'task.fieldForbidden', details: [{ path: 'amount' }] });
    const invalid = await request(server)
      .post(`/api/tasks/${reviewTaskId}/complete`)
      .set('Authorization', bearer.credit_officer!)
      .set('Accept-Language', 'en')
      .send({ data: {} })
      .expect(422);
    expect(invalid.body).toMatchObject({ code: 'task.invalid', details: [{ path: 'decision', code: 'required' }] });
  });

  it('completes a review, fires the timer and the notification as jobs, and ends the instance', async () => {
    const { instanceId, reviewTaskId } = await startReview();
    const done = await request(server)
      .post(`/api/tasks/${reviewTaskId}/complete`)
      .set('Authorization', bearer.credit_officer!)
      .send({ data: { decision: 'approve' } })
      .expect(200);
    expect(done.body).toMatchObject({ status: 'completed', completedBy: 'credit_officer', assignee: 'credit_officer' });

    const dataSource = testApp.app.get(DataSource);
    // The review's SLA timer was cancelled with the review; the cooling-off timer waits.
    const timers = await dataSource.query(
      `SELECT kind, status, payload FROM job WHERE instance_id = $1 ORDER BY created_at`,
      [instanceId],
    );
    expect(timers.map((job: { kind: string; status: string }) => [job.kind, job.status])).toEqual([
      ['process.timer', 'cancelled'],
      ['process.timer', 'pending'],
    ]);
    while ((await worker.runDueJobs()).claimed > 0) {
      // the timer's step requests the notification job, which the next batch runs
    }

    const instance = await request(server)
      .get(`/api/instances/${instanceId}`)
      .set('Authorization', bearer.account_manager!)
      .expect(200);
    expect(instance.body).toMatchObject({
      status: 'completed',
      outcome: 'completed',
      variables: { decision: 'approve', amount: '120000.00' },
    });
    const kinds = instance.body.history.map((event: { kind: string }) => event.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['instance.started', 'task.completed', 'timer.fired', 'job.completed', 'instance.ended']),
    );
    const messages = await request(server)
      .get('/api/notifications')
      .set('Authorization', bearer.account_manager!)
      .expect(200);
    expect(messages.body.items.map((message: { title: { en: string } }) => message.title.en)).toContain(
      'review_approved',
    );
    expect((await inbox('credit_officer', 'done')).map((task) => task.id)).toContain(reviewTaskId);
  });

  it('claims, transfers and returns a task, each step in the audit log', async () => {
    const { instanceId, reviewTaskId } = await startReview('90000.00');
    await request(server)
      .post(`/api/tasks/${reviewTaskId}/claim`)
      .set('Authorization', bearer.credit_officer!)
      .expect(200);
    const again = await request(server)
      .post(`/api/tasks/${reviewTaskId}/claim`)
      .set('Authorization', bearer.credit_officer!)
      .expect(409);
    expect(again.body.code).toBe('process.task.alreadyClaimed');
    expect((await inbox('credit_officer', 'mine')).map((task) => task.id)).toContain(reviewTaskId);

    const unknown = await request(server)
      .post(`/api/tasks/${reviewTaskId}/transfer`)
      .set('Authorization', bearer.credit_officer!)
      .send({ to: 'nobody' })
      .expect(422);
    expect(unknown.body.code).toBe('task.userUnknown');
    await request(server)
      .post(`/api/tasks/${reviewTaskId}/transfer`)
      .set('Authorization', bearer.credit_officer!)
      .send({ to: 'branch_manager' })
      .expect(200);
    expect((await inbox('branch_manager', 'mine')).map((task) => task.id)).toContain(reviewTaskId);
    await request(server)
      .post(`/api/tasks/${reviewTaskId}/complete`)
      .set('Authorization', bearer.credit_officer!)
      .send({ data: { decision: 'approve' } })
      .expect(403);

    const returned = await request(server)
      .post(`/api/tasks/${reviewTaskId}/return`)
      .set('Authorization', bearer.branch_manager!)
      .send({ toElementId: 'submit' })
      .expect(200);
    expect(returned.body).toMatchObject({ status: 'cancelled', outcome: 'returned' });
    const resubmit = (await inbox('account_manager', 'mine')).filter((task) => task.instanceId === instanceId);
    expect(resubmit.map((task) => task.elementId)).toEqual(['submit']);

    const audit = await request(server)
      .get(`/api/audit?entityType=process_instance&entityId=${instanceId}`)
      .set('Authorization', bearer.admin!)
      .expect(200);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'process.start',
      'task.complete',
      'task.claim',
      'task.transfer',
      'task.return',
    ]);
  });
});
