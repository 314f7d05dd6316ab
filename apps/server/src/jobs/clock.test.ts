import request from 'supertest';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { Clock } from '../core/clock/clock';

const waitingBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                  id="waiting_definitions" targetNamespace="http://tessera.dev/test">
  <bpmn:process id="two_waits" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first_wait" />
    <bpmn:intermediateCatchEvent id="first_wait"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="first_wait" targetRef="second_wait" />
    <bpmn:intermediateCatchEvent id="second_wait"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing>
      <bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">P2D</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f3" sourceRef="second_wait" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>f3</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

describe('the controllable clock', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let admin: string;
  const previous = process.env.TESSERA_CLOCK;

  beforeAll(async () => {
    process.env.TESSERA_CLOCK = 'controllable';
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    admin = await bearerFor(server, 'admin');
    await request(server)
      .post('/api/processes?appKey=clock')
      .set('Authorization', admin)
      .set('Content-Type', 'application/xml')
      .send(waitingBpmn)
      .expect(201);
  }, 180_000);
  afterAll(async () => {
    if (previous === undefined) delete process.env.TESSERA_CLOCK;
    else process.env.TESSERA_CLOCK = previous;
    await testApp.close();
  });

  const instance = async (id: string) =>
    (await request(server).get(`/api/instances/${id}`).set('Authorization', admin).expect(200)).body as {
      status: string;
      history: { elementId: string | null }[];
    };

  it('fires timers that fall due while it moves forward, one after another, and keeps the new time', async () => {
    const started = await request(server)
      .post('/api/processes/two_waits/instances')
      .set('Authorization', admin)
      .send({ variables: {} })
      .expect(201);
    const before = Date.parse(
      ((await request(server).get('/api/clock').set('Authorization', admin).expect(200)).body as { now: string }).now,
    );

    const oneDay = await request(server)
      .post('/api/clock/advance')
      .set('Authorization', admin)
      .send({ by: 'PT25H' })
      .expect(201);
    expect(Date.parse(oneDay.body.now) - before).toBeGreaterThanOrEqual(25 * 3600_000);
    expect((await instance(started.body.id)).status).toBe('active');
    expect((await instance(started.body.id)).history.map((event) => event.elementId)).toContain('second_wait');

    // The second wait was scheduled from the first timer's due time, so two more days end it.
    await request(server).post('/api/clock/advance').set('Authorization', admin).send({ by: 'P2D' }).expect(201);
    expect((await instance(started.body.id)).status).toBe('completed');
    expect(testApp.app.get(Clock).now().getTime() - before).toBeGreaterThanOrEqual((25 + 48) * 3600_000);
  });

  it('travels to a given moment, back as well as forward', async () => {
    const back = await request(server)
      .put('/api/clock')
      .set('Authorization', admin)
      .send({ now: '2026-11-23T09:00:00+08:00' })
      .expect(200);
    expect(back.body).toMatchObject({ controllable: true, jobsRun: 0 });
    expect(Math.abs(Date.parse(back.body.now) - Date.parse('2026-11-23T01:00:00Z'))).toBeLessThan(60_000);
    await request(server).put('/api/clock').set('Authorization', admin).send({ now: 'soon' }).expect(400);
  });

  it('lets only an administrator move it, and only by an ISO duration', async () => {
    const manager = await bearerFor(server, 'account_manager');
    await request(server).post('/api/clock/advance').set('Authorization', manager).send({ by: 'P1D' }).expect(403);
    const invalid = await request(server)
      .post('/api/clock/advance')
      .set('Authorization', admin)
      .send({ by: 'tomorrow' })
      .expect(400);
    expect(invalid.body).toMatchObject({ code: 'clock.durationInvalid', details: [{ path: 'by' }] });
  });

  it('stays the system clock unless TESSERA_CLOCK asks otherwise', () => {
    expect(() => new Clock(false).advanceTo(new Date(Date.now() + 1000))).toThrow(/TESSERA_CLOCK=controllable/);
  });
});
