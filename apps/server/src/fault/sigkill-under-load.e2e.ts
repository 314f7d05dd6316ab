import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { type ChildServer, signIn, sleep, startChildServer } from './child-server';

const bpmn = fs.readFileSync(path.join(__dirname, '../processes/fixtures/cooling-off.bpmn'), 'utf8');
const INSTANCES = 30;
const RECORDS = 200;
const KILL_AFTER = 25;

interface InstanceView {
  status: string;
  version: number;
  tasks: { id: string; status: string }[];
  history: { kind: string; element_id: string | null }[];
}

/**
 * SIGKILL in the middle of concurrent task completions and record creations (embedded database by
 * default, Postgres where DATABASE_URL names one). After restart every acknowledged write is there
 * exactly once, no unacknowledged one is half there, and the timers due meanwhile fire.
 */
describe('a server killed under a mixed stream of writes', () => {
  let database: TestDatabase;
  let server: ChildServer | undefined;

  beforeAll(async () => {
    database = await createTestDatabase({ persistent: true });
  });
  afterAll(async () => {
    await server?.kill();
    await database?.cleanup();
  });

  it('keeps every acknowledged write exactly once and nothing half-written', async () => {
    server = await startChildServer(database);
    const admin = await signIn(server.url, 'admin');
    const manager = await signIn(server.url, 'account_manager');
    const officer = await signIn(server.url, 'credit_officer');
    await request(server.url).post('/api/forms').set('Authorization', admin).send({ appKey: 'loan-approval', definition: loanApplicationDefinition() }).expect(201);
    await request(server.url).post('/api/processes?appKey=kill').set('Authorization', admin).set('Content-Type', 'application/xml').send(bpmn).expect(201);
    const instanceIds: string[] = [];
    for (let index = 0; index < INSTANCES; index += 1) {
      const started = await request(server.url).post('/api/processes/cooling_off/instances').set('Authorization', manager).send({ businessKey: `kill-${index}` }).expect(201);
      instanceIds.push(started.body.id as string);
    }
    const tasks = (await request(server.url).get('/api/tasks?view=candidate').set('Authorization', officer).expect(200)).body.items as { id: string }[];
    expect(tasks).toHaveLength(INSTANCES);

    const url = server.url;
    const victim = server;
    const completed = new Set<string>();
    const recorded = new Map<string, string>(); // marker -> record id
    let killed: Promise<void> | undefined;
    const acknowledged = () => completed.size + recorded.size;
    const taskQueue = [...tasks];
    let nextRecord = 0;
    const completer = async () => {
      for (let task = taskQueue.shift(); task && !killed; task = taskQueue.shift()) {
        try {
          const response = await request(url).post(`/api/tasks/${task.id}/complete`).set('Authorization', officer).send({ data: { approved: true } });
          if (response.status === 200) completed.add(task.id);
        } catch {
          return;
        }
        if (acknowledged() >= KILL_AFTER) killed ??= victim.kill('SIGKILL');
      }
    };
    const recorder = async () => {
      for (let item = nextRecord++; item < RECORDS && !killed; item = nextRecord++) {
        const marker = `kill-marker-${item}`;
        try {
          const response = await request(url)
            .post('/api/forms/loan_application/records')
            .set('Authorization', manager)
            .send({ data: { ...loanApplicationData(item + 1), purpose: marker } });
          if (response.status === 201) recorded.set(marker, response.body.id as string);
        } catch {
          return;
        }
        if (acknowledged() >= KILL_AFTER) killed ??= victim.kill('SIGKILL');
      }
    };
    await Promise.all([completer(), completer(), recorder(), recorder()]);
    await killed;
    expect(killed).toBeDefined();
    expect(completed.size).toBeLessThan(INSTANCES);

    server = await startChildServer(database);
    const admin2 = await signIn(server.url, 'admin');

    // Records: each acknowledged one exactly once; an unacknowledged one at most once, and whole.
    const listed = (
      await request(server.url).get('/api/forms/loan_application/records?pageSize=200').set('Authorization', admin2).expect(200)
    ).body.items as { id: string; data: { purpose: string; applicantName: string } }[];
    const byMarker = new Map<string, string[]>();
    for (const record of listed) byMarker.set(record.data.purpose, [...(byMarker.get(record.data.purpose) ?? []), record.id]);
    for (const [marker, id] of recorded) expect(byMarker.get(marker)).toEqual([id]);
    for (const ids of byMarker.values()) expect(ids).toHaveLength(1);
    expect(listed.length - recorded.size).toBeLessThanOrEqual(2);
    for (const record of listed) expect(record.data.applicantName).toBe('张三');
    const audit = await request(server.url).get('/api/audit?entityType=record:loan_application&limit=1000').set('Authorization', admin2).expect(200);
    const auditedRecords = new Set((audit.body.items as { entityId: string; action: string }[]).filter((entry) => entry.action === 'record.create').map((entry) => entry.entityId));
    for (const record of listed) expect(auditedRecords.has(record.id)).toBe(true);
    expect(auditedRecords.size).toBe(listed.length);

    // Instances: each either still waits on its open task, or went on as one whole step; the
    // cooling-off timers due while the server was down fire now and end them.
    const deadline = Date.now() + 60_000;
    let views: InstanceView[];
    for (;;) {
      views = await Promise.all(
        instanceIds.map(async (id) => (await request(server!.url).get(`/api/instances/${id}`).set('Authorization', admin2).expect(200)).body as InstanceView),
      );
      const waiting = views.filter((view) => view.status === 'active' && view.tasks.every((task) => task.status === 'completed'));
      if (waiting.length === 0 || Date.now() > deadline) break;
      await sleep(500);
    }
    const open = views.filter((view) => view.tasks.some((task) => task.status === 'open'));
    const finished = views.filter((view) => view.status === 'completed');
    expect(open.length + finished.length).toBe(INSTANCES);
    for (const id of completed) expect(finished.some((view) => view.tasks[0]!.id === id)).toBe(true);
    expect(finished.length - completed.size).toBeLessThanOrEqual(2);
    const shape = (view: InstanceView) => JSON.stringify({ version: view.version, history: view.history.map((entry) => `${entry.kind}:${entry.element_id}`) });
    // All instances in one state look alike: same version, same history — nothing ran twice or half.
    expect(new Set(open.map(shape)).size).toBeLessThanOrEqual(1);
    expect(new Set(finished.map(shape)).size).toBeLessThanOrEqual(1);
    for (const view of open) expect(view.status).toBe('active');

    const verified = await request(server.url).get('/api/audit/verify').set('Authorization', admin2).expect(200);
    expect(verified.body.ok).toBe(true);
    process.stdout.write(
      `sigkill under load: ${completed.size} completions and ${recorded.size} records acknowledged before the kill; ` +
        `${finished.length} instances finished after restart, ${listed.length} records stored\n`,
    );
  });
});
