import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { templateAsText, templatesRoot } from '../test-support/template-files';

/** The loan application of the loan-approval template's happy-path scenario. */
const loanVariables = (
  JSON.parse(fs.readFileSync(path.join(templatesRoot, 'loan-approval/scenarios/loan-happy-path.json'), 'utf8')) as {
    steps: { action: string; variables?: Record<string, unknown> }[];
  }
).steps.find((step) => step.action === 'startProcess')!.variables!;

interface TaskView {
  id: string;
  instanceId: string;
  elementId: string;
  businessKey: string | null;
  processTitle: { 'zh-CN': string; en: string };
  candidateRoles: string[];
  candidateRoleLabels: { key: string; label: { 'zh-CN': string; en: string } }[];
  formTitle: { 'zh-CN': string; en: string } | null;
  escalated: boolean;
  escalatedAt: string | null;
  escalatedTo: string | null;
}

describe('the task inbox on the loan-approval template', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  const bearer: Record<string, string> = {};
  const previousClock = process.env.TESSERA_CLOCK;

  beforeAll(async () => {
    process.env.TESSERA_CLOCK = 'controllable';
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    for (const username of [
      'admin',
      'account_manager',
      'credit_officer',
      'branch_manager',
      'complaint_handler',
      'supervisor',
    ])
      bearer[username] = await bearerFor(server, username);
    for (const template of ['customer-profile', 'loan-approval'])
      await request(server)
        .post('/api/apps/import')
        .set('Authorization', bearer.admin!)
        .send({ files: templateAsText(template) })
        .expect(201);
    await request(server)
      .put('/api/clock')
      .set('Authorization', bearer.admin!)
      .send({ now: '2026-11-23T09:00:00+08:00' })
      .expect(200);
  }, 240_000);
  afterAll(async () => {
    if (previousClock === undefined) delete process.env.TESSERA_CLOCK;
    else process.env.TESSERA_CLOCK = previousClock;
    await testApp.close();
  });

  const inbox = async (username: string, view: string): Promise<TaskView[]> =>
    (await request(server).get(`/api/tasks?view=${view}`).set('Authorization', bearer[username]!).expect(200)).body
      .items;
  const advance = (by: string) =>
    request(server).post('/api/clock/advance').set('Authorization', bearer.admin!).send({ by }).expect(201);
  const startLoan = async (businessKey: string): Promise<string> =>
    (
      await request(server)
        .post('/api/processes/loan_approval/instances')
        .set('Authorization', bearer.account_manager!)
        .send({ businessKey, variables: loanVariables })
        .expect(201)
    ).body.id;

  it('lists processes with their title, start form and the roles that may start them, and enforces those roles', async () => {
    const { items } = (
      await request(server).get('/api/processes').set('Authorization', bearer.credit_officer!).expect(200)
    ).body;
    expect(items.find((process: { key: string }) => process.key === 'loan_approval')).toMatchObject({
      title: { 'zh-CN': '贷款审批', en: 'Loan approval' },
      startFormKey: 'loan_application',
      startRoles: ['account_manager'],
    });
    const refused = await request(server)
      .post('/api/processes/loan_approval/instances')
      .set('Authorization', bearer.complaint_handler!)
      .send({ variables: loanVariables })
      .expect(403);
    expect(refused.body.code).toBe('process.startForbidden');
  });

  it('names the business key, process, candidate roles and form of a task instead of raw keys', async () => {
    const instanceId = await startLoan('LOAN-TASKS-1');
    const [task] = (await inbox('credit_officer', 'roles')).filter((candidate) => candidate.instanceId === instanceId);
    expect(task).toMatchObject({
      elementId: 'credit_review',
      businessKey: 'LOAN-TASKS-1',
      processTitle: { 'zh-CN': '贷款审批', en: 'Loan approval' },
      candidateRoleLabels: [{ key: 'credit_officer', label: { 'zh-CN': '信贷员', en: 'Credit officer' } }],
      escalated: false,
    });
    expect(task!.formTitle?.['zh-CN']).toBeTruthy();
    expect(task!.formTitle?.['zh-CN']).not.toBe('credit_review');
    // `candidate` stays as the old name of the `roles` view.
    expect((await inbox('credit_officer', 'candidate')).map((candidate) => candidate.id)).toContain(task!.id);
    const detail = await request(server)
      .get(`/api/tasks/${task!.id}`)
      .set('Authorization', bearer.credit_officer!)
      .expect(200);
    expect(detail.body).toMatchObject({ businessKey: 'LOAN-TASKS-1', processTitle: { en: 'Loan approval' } });
  });

  it('lets candidates and overseers read the instance, refuses others with 403 and a missing one with 404', async () => {
    const instanceId = await startLoan('LOAN-TASKS-2');
    const seen = await request(server)
      .get(`/api/instances/${instanceId}`)
      .set('Authorization', bearer.credit_officer!)
      .expect(200);
    expect(seen.body).toMatchObject({
      businessKey: 'LOAN-TASKS-2',
      processTitle: { en: 'Loan approval' },
      parent: null,
      children: [],
    });
    expect(seen.body.tasks[0]).toMatchObject({
      elementId: 'credit_review',
      escalated: false,
      candidateRoleLabels: [{ key: 'credit_officer' }],
    });
    await request(server).get(`/api/instances/${instanceId}`).set('Authorization', bearer.supervisor!).expect(200);
    const refused = await request(server)
      .get(`/api/instances/${instanceId}`)
      .set('Authorization', bearer.complaint_handler!)
      .expect(403);
    expect(refused.body.code).toBe('instance.forbidden');
    const missing = await request(server)
      .get('/api/instances/00000000-0000-4000-8000-000000000000')
      .set('Authorization', bearer.credit_officer!)
      .expect(404);
    expect(missing.body.code).toBe('instance.notFound');
    const found = await request(server)
      .get('/api/instances?processKey=loan_approval&businessKey=LOAN-TASKS-2')
      .set('Authorization', bearer.credit_officer!)
      .expect(200);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([instanceId]);
    const none = await request(server)
      .get('/api/instances?businessKey=LOAN-TASKS-2')
      .set('Authorization', bearer.complaint_handler!)
      .expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('refuses an existing task to a user outside it with 403 task.forbidden and a missing one with 404', async () => {
    const instanceId = await startLoan('LOAN-TASKS-3');
    const [task] = (await inbox('credit_officer', 'roles')).filter((candidate) => candidate.instanceId === instanceId);
    const refused = await request(server)
      .post(`/api/tasks/${task!.id}/claim`)
      .set('Authorization', bearer.complaint_handler!)
      .expect(403);
    expect(refused.body.code).toBe('task.forbidden');
    // The starter sees the task but may not decide it.
    const notCandidate = await request(server)
      .post(`/api/tasks/${task!.id}/complete`)
      .set('Authorization', bearer.account_manager!)
      .send({ data: {} })
      .expect(403);
    expect(notCandidate.body.code).toBe('task.forbidden');
    await request(server)
      .post('/api/tasks/00000000-0000-4000-8000-000000000000/claim')
      .set('Authorization', bearer.credit_officer!)
      .expect(404);
  });

  it('reminds every holder of a candidate role, then escalates: the flag, the new role and the escalated view', async () => {
    await request(server)
      .put('/api/clock')
      .set('Authorization', bearer.admin!)
      .send({ now: '2026-11-30T09:00:00+08:00' })
      .expect(200);
    const before = (
      await request(server).get('/api/notifications').set('Authorization', bearer.credit_officer!).expect(200)
    ).body.items.length;
    const instanceId = await startLoan('LOAN-TASKS-4');
    const [task] = (await inbox('credit_officer', 'roles')).filter((candidate) => candidate.instanceId === instanceId);
    await advance('P1DT1H');
    const notices = (
      await request(server).get('/api/notifications').set('Authorization', bearer.credit_officer!).expect(200)
    ).body.items as { title: { en: string }; link: string }[];
    expect(notices.length).toBeGreaterThan(before);
    expect(
      notices.filter((notice) => notice.link === `/tasks/${task!.id}` && notice.title.en.startsWith('Reminder: ')),
    ).toHaveLength(1);
    expect((await inbox('branch_manager', 'escalated')).map((candidate) => candidate.id)).not.toContain(task!.id);
    await advance('P1D');
    const escalated = (await inbox('branch_manager', 'escalated')).find((candidate) => candidate.id === task!.id);
    expect(escalated).toMatchObject({ escalated: true, escalatedTo: 'branch_manager' });
    expect(escalated!.candidateRoles.sort()).toEqual(['branch_manager', 'credit_officer']);
    expect(escalated!.escalatedAt).toBeTruthy();
    expect((await inbox('supervisor', 'escalated')).map((candidate) => candidate.id)).toContain(task!.id);
    expect((await inbox('complaint_handler', 'escalated')).map((candidate) => candidate.id)).not.toContain(task!.id);
    const instance = await request(server)
      .get(`/api/instances/${instanceId}`)
      .set('Authorization', bearer.branch_manager!)
      .expect(200);
    expect(instance.body.tasks.find((candidate: { id: string }) => candidate.id === task!.id)).toMatchObject({
      escalated: true,
    });
  });
});
