import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../core/config';
import { bearerFor } from '../test-support/sign-in';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { DeliveryRefused, HttpGatewayAdapter } from './outbox-adapters';
import { OutboxDispatcher } from './outbox-dispatcher';

interface Received {
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  path: string;
  body: { id: string; channel: string; recipient: string; template: string | null; payload: Record<string, unknown> };
}

/** A gateway on a local port: answers each recipient's sends from its script of statuses, then 200. */
class Gateway {
  readonly received: Received[] = [];
  readonly scripts = new Map<string, number[]>();
  private readonly server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as Received['body'];
      this.received.push({
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        authorization: req.headers.authorization,
        path: req.url ?? '',
        body,
      });
      const status = this.scripts.get(body.recipient)?.shift() ?? 200;
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          status < 300 ? { providerId: `gw-${body.id.slice(0, 8)}` } : { error: `refused with ${status}` },
        ),
      );
    });
  });

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  sendsTo(recipient: string): Received[] {
    return this.received.filter((entry) => entry.body.recipient === recipient);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function enqueue(dataSource: DataSource, channel: string, recipient: string): Promise<string> {
  const id = randomUUID();
  await dataSource.query(
    `INSERT INTO outbox_message (id, channel, recipient, template, payload) VALUES ($1, $2, $3, 'loan_approved', $4)`,
    [id, channel, recipient, JSON.stringify({ amount: 50000, customer: recipient })],
  );
  return id;
}

async function row(dataSource: DataSource, id: string) {
  const [found] = (await dataSource.query(
    `SELECT status, attempts, last_error, provider_id, sent_at, next_attempt_at, locked_by FROM outbox_message WHERE id = $1`,
    [id],
  )) as {
    status: string;
    attempts: number;
    last_error: string | null;
    provider_id: string | null;
    sent_at: Date | null;
    next_attempt_at: Date | null;
    locked_by: string | null;
  }[];
  return found!;
}

describe('outbox gateway settings', () => {
  it('reads a gateway URL and token per channel and refuses a URL that is not http(s)', () => {
    expect(
      loadConfig({ TESSERA_SMS_GATEWAY_URL: 'https://sms.bank.example/send', TESSERA_SMS_GATEWAY_TOKEN: 't0k' })
        .outboxGateways,
    ).toEqual({ sms: { url: 'https://sms.bank.example/send', token: 't0k' } });
    expect(loadConfig({}).outboxGateways).toEqual({});
    expect(() => loadConfig({ TESSERA_EMAIL_GATEWAY_URL: 'smtp://mail.bank.example' })).toThrow(
      'TESSERA_EMAIL_GATEWAY_URL must be an http(s) URL, got "smtp://mail.bank.example"',
    );
    expect(() => loadConfig({ TESSERA_EMAIL_GATEWAY_URL: 'not a url' })).toThrow(
      /TESSERA_EMAIL_GATEWAY_URL must be an http\(s\) URL/,
    );
  });
});

describe('the HTTP gateway adapter', () => {
  const message = { id: randomUUID(), channel: 'sms', recipient: '13800000009', template: null, payload: {} };

  it('treats no answer within its timeout as temporary, a 429 as temporary and a 404 as a refusal', async () => {
    const statuses: Record<string, number> = { '/busy': 429, '/missing': 404 };
    const silent = http.createServer((req, res) => {
      const status = statuses[req.url ?? ''];
      if (status) res.writeHead(status).end('nope');
      // Any other path never answers.
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const slow = new HttpGatewayAdapter(`${base}/slow`, undefined, 200);
      const timedOut = await slow.send(message).catch((error: unknown) => error);
      expect(timedOut).toBeInstanceOf(Error);
      expect(timedOut).not.toBeInstanceOf(DeliveryRefused);
      expect((timedOut as Error).message).toBe(`Gateway ${base}/slow could not be reached: no answer within 200 ms`);
      const busy = await new HttpGatewayAdapter(`${base}/busy`).send(message).catch((error: unknown) => error);
      expect(busy).not.toBeInstanceOf(DeliveryRefused);
      expect((busy as Error).message).toBe('Gateway answered 429: nope');
      await expect(new HttpGatewayAdapter(`${base}/missing`).send(message)).rejects.toThrow(DeliveryRefused);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('outbox delivery', () => {
  const gateway = new Gateway();
  const previousClock = process.env.TESSERA_CLOCK;
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let dataSource: DataSource;
  let dispatcher: OutboxDispatcher;
  let admin: string;
  let url: string;

  beforeAll(async () => {
    url = await gateway.listen();
    process.env.TESSERA_CLOCK = 'controllable';
    // SMS goes to the gateway; e-mail has no adapter.
    testApp = await startTestApp({
      config: { workerEnabled: false, outboxGateways: { sms: { url: `${url}/sms`, token: 'sms-secret' } } },
    });
    server = testApp.app.getHttpServer();
    dataSource = testApp.app.get(DataSource);
    dispatcher = testApp.app.get(OutboxDispatcher);
    admin = await bearerFor(server, 'admin');
    await request(server)
      .put('/api/clock')
      .set('Authorization', admin)
      .send({ now: '2027-05-01T09:00:00+08:00' })
      .expect(200);
  });
  afterAll(async () => {
    await testApp.close();
    await gateway.close();
    if (previousClock === undefined) delete process.env.TESSERA_CLOCK;
    else process.env.TESSERA_CLOCK = previousClock;
  });

  it('posts a message to the gateway with its id as idempotency key and marks it sent', async () => {
    const id = await enqueue(dataSource, 'sms', '13800000001');
    expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(gateway.sendsTo('13800000001')).toEqual([
      {
        idempotencyKey: id,
        authorization: 'Bearer sms-secret',
        path: '/sms',
        body: {
          id,
          channel: 'sms',
          recipient: '13800000001',
          template: 'loan_approved',
          payload: { amount: 50000, customer: '13800000001' },
        },
      },
    ]);
    const sent = await row(dataSource, id);
    expect(sent).toMatchObject({
      status: 'sent',
      attempts: 1,
      last_error: null,
      provider_id: `gw-${id.slice(0, 8)}`,
      locked_by: null,
    });
    expect(sent.sent_at).not.toBeNull();
    // Sent once: a second round finds nothing to do.
    expect(await dispatcher.deliverDue()).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
    expect(gateway.sendsTo('13800000001')).toHaveLength(1);

    const bearer = await bearerFor(server, 'supervisor');
    const listed = await request(server)
      .get(`/api/outbox?recipient=13800000001`)
      .set('Authorization', bearer)
      .expect(200);
    expect(listed.body.items[0]).toMatchObject({
      id,
      status: 'sent',
      attempts: 1,
      lastError: null,
      providerId: `gw-${id.slice(0, 8)}`,
    });
  });

  it('retries after a 503 once the backoff has passed on the clock', async () => {
    gateway.scripts.set('13800000002', [503]);
    const id = await enqueue(dataSource, 'sms', '13800000002');
    expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    const waiting = await row(dataSource, id);
    expect(waiting).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: expect.stringMatching(/503/),
      locked_by: null,
    });
    const now = new Date((await request(server).get('/api/clock').set('Authorization', admin).expect(200)).body.now);
    expect(new Date(waiting.next_attempt_at!).getTime() - now.getTime()).toBeGreaterThan(9_000);
    expect(new Date(waiting.next_attempt_at!).getTime() - now.getTime()).toBeLessThanOrEqual(10_000);

    // Not due before the backoff ends.
    expect((await dispatcher.deliverDue()).claimed).toBe(0);
    await request(server).post('/api/clock/advance').set('Authorization', admin).send({ by: 'PT11S' }).expect(201);
    expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(await row(dataSource, id)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(gateway.sendsTo('13800000002').map((entry) => entry.idempotencyKey)).toEqual([id, id]);
  });

  it('fails a message the gateway refuses with a 400 at once', async () => {
    gateway.scripts.set('bad-number', [400]);
    const id = await enqueue(dataSource, 'sms', 'bad-number');
    expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
    expect(await row(dataSource, id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: 'Gateway answered 400: {"error":"refused with 400"}',
      next_attempt_at: null,
    });
    await request(server).post('/api/clock/advance').set('Authorization', admin).send({ by: 'PT1H' }).expect(201);
    expect((await dispatcher.deliverDue()).claimed).toBe(0);
    expect(gateway.sendsTo('bad-number')).toHaveLength(1);
  });

  it('fails after five temporary errors with the last one, doubling the wait between them, and an admin can retry it', async () => {
    gateway.scripts.set('13800000003', [503, 503, 503, 503, 502]);
    const id = await enqueue(dataSource, 'sms', '13800000003');
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
      const now = new Date((await request(server).get('/api/clock').set('Authorization', admin).expect(200)).body.now);
      const waiting = await row(dataSource, id);
      expect(waiting.attempts).toBe(attempt);
      delays.push(Math.round((new Date(waiting.next_attempt_at!).getTime() - now.getTime()) / 1000));
      await request(server)
        .put('/api/clock')
        .set('Authorization', admin)
        .send({ now: waiting.next_attempt_at })
        .expect(200);
    }
    expect(delays).toEqual([10, 20, 40, 80]);
    expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
    expect(await row(dataSource, id)).toMatchObject({
      status: 'failed',
      attempts: 5,
      last_error: 'Gateway answered 502: {"error":"refused with 502"}',
    });
    expect(gateway.sendsTo('13800000003')).toHaveLength(5);

    const supervisor = await bearerFor(server, 'supervisor');
    await request(server).post(`/api/outbox/${id}/retry`).set('Authorization', supervisor).expect(403);
    const retried = await request(server).post(`/api/outbox/${id}/retry`).set('Authorization', admin).expect(201);
    expect(retried.body).toMatchObject({ id, status: 'pending', attempts: 0, nextAttemptAt: null });
    const retryAgain = await request(server).post(`/api/outbox/${id}/retry`).set('Authorization', admin).expect(404);
    expect(retryAgain.body.code).toBe('outbox.notFound');
    const audit = await request(server)
      .get(`/api/audit?entityType=outbox_message&entityId=${id}`)
      .set('Authorization', admin)
      .expect(200);
    expect(audit.body.items.find((entry: { entityId: string }) => entry.entityId === id)).toMatchObject({
      action: 'outbox.retry',
      entityType: 'outbox_message',
      after: { status: 'pending' },
    });

    expect(await dispatcher.deliverDue()).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(await row(dataSource, id)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('leaves messages of a channel without an adapter pending and says so', async () => {
    const id = await enqueue(dataSource, 'email', 'customer@example.com');
    expect((await dispatcher.deliverDue()).claimed).toBe(0);
    expect(await row(dataSource, id)).toMatchObject({ status: 'pending', attempts: 0 });
    expect(gateway.sendsTo('customer@example.com')).toHaveLength(0);
    const listed = await request(server).get('/api/outbox?channel=email').set('Authorization', admin).expect(200);
    expect(listed.body.delivery).toEqual({ email: { configured: false }, sms: { configured: true } });
    expect(listed.body.items[0]).toMatchObject({ id, status: 'pending', attempts: 0, lastError: null });
  });

  it('delivers on its own while the dispatcher loop runs, as in a process with the worker on', async () => {
    dispatcher.start();
    try {
      const id = await enqueue(dataSource, 'sms', '13800000077');
      dispatcher.wake();
      const deadline = Date.now() + 10_000;
      while ((await row(dataSource, id)).status === 'pending' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await row(dataSource, id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(gateway.sendsTo('13800000077')).toHaveLength(1);
    } finally {
      await dispatcher.stop();
    }
  }, 30_000);

  // Two processes sharing the outbox only exist on Postgres; the embedded database has one process.
  if (process.env.DATABASE_URL) {
    it('delivers each message exactly once between two server processes on one database', async () => {
      const second = await startTestApp({
        database: testApp.database,
        config: { workerEnabled: false, outboxGateways: { sms: { url: `${url}/sms` } } },
      });
      try {
        const ids: string[] = [];
        for (let index = 0; index < 60; index += 1) ids.push(await enqueue(dataSource, 'sms', `pair-${index}`));
        const dispatchers = [dispatcher, second.app.get(OutboxDispatcher)];
        const totals = [0, 0];
        for (;;) {
          const outcomes = await Promise.all(dispatchers.map((each) => each.deliverDue(5)));
          outcomes.forEach((outcome, index) => (totals[index]! += outcome.sent));
          if (outcomes.every((outcome) => outcome.claimed === 0)) break;
        }
        expect(totals[0]! + totals[1]!).toBe(60);
        expect(totals.every((total) => total > 0)).toBe(true);
        const sends = gateway.received.filter((entry) => entry.body.recipient.startsWith('pair-'));
        expect(sends.map((entry) => entry.idempotencyKey).sort()).toEqual([...ids].sort());
        const statuses = await dataSource.query(
          `SELECT status, count(*)::int AS n FROM outbox_message WHERE recipient LIKE 'pair-%' GROUP BY status`,
        );
        expect(statuses).toEqual([{ status: 'sent', n: 60 }]);
      } finally {
        await second.close({ keepDatabase: true });
      }
    }, 120_000);
  }
});
