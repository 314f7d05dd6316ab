import request from 'supertest';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  xmlns:tessera="http://tessera.dev/schema/bpmn/1.0" id="defs" targetNamespace="http://tessera.dev/test">
${body}
</bpmn:definitions>`;

/** Waits for a survey answer (message catch) or a recall signal, then a review task. */
const surveyBpmn = definitions(`
  <bpmn:message id="Message_answer" name="survey_answer" />
  <bpmn:message id="Message_open" name="case_opened" />
  <bpmn:signal id="Signal_recall" name="recall" />
  <bpmn:process id="survey_wait" name="等待回访" isExecutable="true">
    <bpmn:startEvent id="start" tessera:initiator="starter" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gateway" />
    <bpmn:eventBasedGateway id="gateway" />
    <bpmn:sequenceFlow id="f2" sourceRef="gateway" targetRef="answer" />
    <bpmn:sequenceFlow id="f3" sourceRef="gateway" targetRef="recalled" />
    <bpmn:intermediateCatchEvent id="answer"><bpmn:messageEventDefinition messageRef="Message_answer" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="recalled"><bpmn:signalEventDefinition signalRef="Signal_recall" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="answer" targetRef="end_answered" />
    <bpmn:sequenceFlow id="f5" sourceRef="recalled" targetRef="end_recalled" />
    <bpmn:endEvent id="end_answered" />
    <bpmn:endEvent id="end_recalled" />
  </bpmn:process>`);

const openedBpmn = definitions(`
  <bpmn:message id="Message_open" name="case_opened" />
  <bpmn:process id="opened_by_message" isExecutable="true">
    <bpmn:startEvent id="start_by_message"><bpmn:messageEventDefinition messageRef="Message_open" /></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start_by_message" targetRef="triage" />
    <bpmn:userTask id="triage" name="分诊" tessera:candidateRoles="complaint_handler" />
    <bpmn:sequenceFlow id="f2" sourceRef="triage" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`);

/** A parent that calls a child with all its variables in, and `score` back out. */
const parentBpmn = definitions(`
  <bpmn:process id="parent_case" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call_child" />
    <bpmn:callActivity id="call_child" calledElement="child_case">
      <bpmn:extensionElements>
        <tessera:in variables="all" />
        <tessera:out source="score" target="childScore" />
      </bpmn:extensionElements>
    </bpmn:callActivity>
    <bpmn:sequenceFlow id="f2" sourceRef="call_child" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`);

const orphanBpmn = definitions(`
  <bpmn:process id="orphan_case" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="call_missing" />
    <bpmn:callActivity id="call_missing" calledElement="late_child" />
    <bpmn:sequenceFlow id="f2" sourceRef="call_missing" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`);

const lateChildBpmn = definitions(`
  <bpmn:process id="late_child" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`);

/** Waits for the message `decided` or the signal `broadcast` another process throws. */
const listenerBpmn = definitions(`
  <bpmn:message id="Message_decided" name="decided" />
  <bpmn:signal id="Signal_broadcast" name="broadcast" />
  <bpmn:process id="listener" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="gateway" />
    <bpmn:eventBasedGateway id="gateway" />
    <bpmn:sequenceFlow id="f2" sourceRef="gateway" targetRef="heard_message" />
    <bpmn:sequenceFlow id="f3" sourceRef="gateway" targetRef="heard_signal" />
    <bpmn:intermediateCatchEvent id="heard_message"><bpmn:messageEventDefinition messageRef="Message_decided" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="heard_signal"><bpmn:signalEventDefinition signalRef="Signal_broadcast" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f4" sourceRef="heard_message" targetRef="end_message" />
    <bpmn:sequenceFlow id="f5" sourceRef="heard_signal" targetRef="end_signal" />
    <bpmn:endEvent id="end_message" />
    <bpmn:endEvent id="end_signal" />
  </bpmn:process>`);

const announcerBpmn = (kind: 'message' | 'signal') =>
  definitions(`
  <bpmn:message id="Message_decided" name="decided" />
  <bpmn:signal id="Signal_broadcast" name="broadcast" />
  <bpmn:process id="announce_${kind}" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="announce" />
    <bpmn:endEvent id="announce">${
      kind === 'message'
        ? '<bpmn:messageEventDefinition messageRef="Message_decided" />'
        : '<bpmn:signalEventDefinition signalRef="Signal_broadcast" />'
    }</bpmn:endEvent>
  </bpmn:process>`);

const childBpmn = definitions(`
  <bpmn:process id="child_case" isExecutable="true">
    <bpmn:startEvent id="start" />
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="rate" />
    <bpmn:userTask id="rate" name="评分" tessera:candidateRoles="supervisor" />
    <bpmn:sequenceFlow id="f2" sourceRef="rate" targetRef="end" />
    <bpmn:endEvent id="end" />
  </bpmn:process>`);

interface Instance {
  id: string;
  status: string;
  businessKey: string | null;
  variables: Record<string, unknown>;
  parentInstanceId: string | null;
  parent: { id: string } | null;
  children: { id: string; processKey: string; status: string }[];
  tasks: { id: string; elementId: string; status: string }[];
  history: { elementId: string | null; kind: string }[];
}

describe('messages, signals and call activities', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    for (const username of ['admin', 'integration', 'complaint_handler', 'account_manager', 'supervisor'])
      bearer[username] = await bearerFor(server, username);
    for (const xml of [
      surveyBpmn,
      openedBpmn,
      parentBpmn,
      childBpmn,
      orphanBpmn,
      listenerBpmn,
      announcerBpmn('message'),
      announcerBpmn('signal'),
    ])
      await request(server)
        .post('/api/processes?appKey=cases')
        .set('Authorization', bearer.admin!)
        .set('Content-Type', 'application/xml')
        .send(xml)
        .expect(201);
  }, 180_000);
  afterAll(() => testApp.close());

  const start = async (processKey: string, businessKey?: string, as = 'complaint_handler'): Promise<string> =>
    (
      await request(server)
        .post(`/api/processes/${processKey}/instances`)
        .set('Authorization', bearer[as]!)
        .send({ businessKey, variables: { topic: '转账' } })
        .expect(201)
    ).body.id;
  const instance = async (id: string): Promise<Instance> =>
    (await request(server).get(`/api/instances/${id}`).set('Authorization', bearer.admin!).expect(200)).body;
  const send = (as: string, body: Record<string, unknown>) =>
    request(server).post('/api/messages').set('Authorization', bearer[as]!).send(body);

  it('correlates a message by business key, writes its variables and moves the instance on, audited', async () => {
    const id = await start('survey_wait', 'CASE-1');
    const other = await start('survey_wait', 'CASE-2');
    const delivered = await send('integration', {
      name: 'survey_answer',
      correlation: 'CASE-1',
      variables: { csat: 5 },
    }).expect(200);
    expect(delivered.body).toEqual({ delivered: [{ instanceId: id, businessKey: 'CASE-1' }], started: [] });
    const done = await instance(id);
    expect(done).toMatchObject({ status: 'completed', variables: { csat: 5 } });
    expect(done.history.map((event) => event.elementId)).toContain('end_answered');
    expect((await instance(other)).status).toBe('active');
    const audit = await request(server)
      .get('/api/audit?limit=1000')
      .set('Authorization', bearer.supervisor!)
      .expect(200);
    const actions = (audit.body.items as { action: string; entityId: string }[])
      .filter((entry) => entry.entityId === id)
      .map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['process.start', 'message.deliver', 'process.completed']));
  });

  it('answers 404 message.noMatch when nothing waits, 409 when several wait, and delivers to all with all: true', async () => {
    const missing = await send('integration', { name: 'survey_answer', correlation: 'NO-SUCH-CASE' }).expect(404);
    expect(missing.body.code).toBe('message.noMatch');
    const first = await start('survey_wait', 'BATCH');
    const second = await start('survey_wait', 'BATCH');
    const ambiguous = await send('integration', { name: 'survey_answer', businessKey: 'BATCH' }).expect(409);
    expect(ambiguous.body.code).toBe('message.ambiguous');
    expect((await instance(first)).status).toBe('active');
    const both = await send('integration', { name: 'survey_answer', businessKey: 'BATCH', all: true }).expect(200);
    expect(both.body.delivered.map((item: { instanceId: string }) => item.instanceId).sort()).toEqual(
      [first, second].sort(),
    );
    const invalid = await send('integration', { name: '', variables: 'x' }).expect(400);
    expect(invalid.body.details.map((detail: { path: string }) => detail.path)).toEqual(
      expect.arrayContaining(['name', 'variables']),
    );
  });

  it('lets a participant deliver to their own instance only, and only systems start a process by message', async () => {
    const mine = await start('survey_wait', 'CASE-OWN');
    await send('account_manager', { name: 'survey_answer', instanceId: mine }).expect(403);
    await send('complaint_handler', { name: 'survey_answer', instanceId: mine, variables: { csat: 4 } }).expect(200);
    expect((await instance(mine)).status).toBe('completed');
    await send('complaint_handler', { name: 'case_opened', businessKey: 'NEW-1' }).expect(404);
    const started = await send('integration', {
      name: 'case_opened',
      businessKey: 'NEW-1',
      variables: { channel: 'app' },
    }).expect(200);
    expect(started.body.started).toEqual([{ instanceId: expect.any(String), processKey: 'opened_by_message' }]);
    const opened = await instance(started.body.started[0].instanceId);
    expect(opened).toMatchObject({ status: 'active', businessKey: 'NEW-1', variables: { channel: 'app' } });
    expect(opened.tasks.map((task) => task.elementId)).toEqual(['triage']);
  });

  it('broadcasts a signal to every waiting instance; only systems and overseers may throw one', async () => {
    const first = await start('survey_wait', 'SIG-1');
    const second = await start('survey_wait', 'SIG-2');
    await request(server)
      .post('/api/signals')
      .set('Authorization', bearer.complaint_handler!)
      .send({ name: 'recall' })
      .expect(403);
    const thrown = await request(server)
      .post('/api/signals')
      .set('Authorization', bearer.integration!)
      .send({ name: 'recall' })
      .expect(200);
    expect(thrown.body.delivered.map((item: { instanceId: string }) => item.instanceId)).toEqual(
      expect.arrayContaining([first, second]),
    );
    for (const id of [first, second])
      expect((await instance(id)).history.map((event) => event.elementId)).toContain('end_recalled');
  });

  it('starts the called process as a child in the same step and resumes the parent with its output', async () => {
    const parentId = await start('parent_case', 'CALL-1', 'admin');
    const parent = await instance(parentId);
    expect(parent.status).toBe('active');
    expect(parent.children).toEqual([expect.objectContaining({ processKey: 'child_case', status: 'active' })]);
    const children = await request(server)
      .get(`/api/instances?parentId=${parentId}`)
      .set('Authorization', bearer.admin!)
      .expect(200);
    expect(children.body.items).toHaveLength(1);
    const child = await instance(children.body.items[0].id);
    expect(child).toMatchObject({
      parentInstanceId: parentId,
      parent: { id: parentId },
      businessKey: 'CALL-1',
      variables: { topic: '转账' },
    });
    const rate = child.tasks.find((task) => task.elementId === 'rate')!;
    await request(server)
      .post(`/api/tasks/${rate.id}/complete`)
      .set('Authorization', bearer.supervisor!)
      .send({ data: { score: 4 } })
      .expect(200);
    expect((await instance(child.id)).status).toBe('completed');
    const resumed = await instance(parentId);
    expect(resumed).toMatchObject({ status: 'completed', variables: { childScore: 4 } });
  });

  it('makes a call to a process that is not deployed an incident, and retrying it once deployed runs the child', async () => {
    const id = await start('orphan_case', 'ORPHAN-1', 'admin');
    const stuck = (await request(server).get(`/api/instances/${id}`).set('Authorization', bearer.admin!).expect(200))
      .body;
    expect(stuck.status).toBe('incident');
    expect(stuck.incidents).toEqual([
      expect.objectContaining({ elementId: 'call_missing', message: expect.stringContaining('late_child') }),
    ]);
    await request(server)
      .post('/api/processes?appKey=cases')
      .set('Authorization', bearer.admin!)
      .set('Content-Type', 'application/xml')
      .send(lateChildBpmn)
      .expect(201);
    await request(server)
      .post(`/api/instances/${id}/incidents/${stuck.incidents[0].id}/retry`)
      .set('Authorization', bearer.supervisor!)
      .expect(200);
    const done = await instance(id);
    expect(done.status).toBe('completed');
    expect(done.children).toEqual([expect.objectContaining({ processKey: 'late_child', status: 'completed' })]);
  });

  it('delivers the messages and signals a process throws to the other instances waiting for them, in the same step', async () => {
    const first = await start('listener', 'LISTEN-1', 'admin');
    const second = await start('listener', 'LISTEN-2', 'admin');
    await start('announce_message', 'ANNOUNCE-1', 'admin');
    const heard = await Promise.all([instance(first), instance(second)]);
    expect(heard.map((found) => found.status)).toEqual(['completed', 'completed']);
    for (const found of heard) expect(found.history.map((event) => event.elementId)).toContain('end_message');
    const third = await start('listener', 'LISTEN-3', 'admin');
    await start('announce_signal', 'ANNOUNCE-2', 'admin');
    expect((await instance(third)).history.map((event) => event.elementId)).toContain('end_signal');
  });
});
