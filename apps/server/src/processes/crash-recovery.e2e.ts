import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabase, type TestDatabase } from '../test-support/test-database';
import { DEMO_PASSWORD } from '../users/demo-users';

const mainJs = path.resolve(__dirname, '../../dist/main.js');
const bpmn = fs.readFileSync(path.join(__dirname, 'fixtures', 'cooling-off.bpmn'), 'utf8');
const INSTANCES = 40;

interface Server {
  child: ChildProcess;
  url: string;
}

/** Starts the built server as its own process and waits until it listens. */
function startServer(database: TestDatabase): Promise<Server> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    TESSERA_WORKER_POLL_MS: '200',
    TESSERA_WEB_DIST: '/nonexistent',
  };
  if (database.target.url) {
    env.DATABASE_URL = database.target.url;
    env.TESSERA_DATABASE_SCHEMA = database.target.schema;
  } else {
    delete env.DATABASE_URL;
    env.TESSERA_DATA_DIR = database.target.dataDir;
  }
  const child = spawn(process.execPath, [mainJs], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`The server did not start: ${output}`)), 90_000);
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, url: match[1]!.replace('localhost', '127.0.0.1') });
      }
    };
    child.stdout!.on('data', listen);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited with ${code}: ${output}`));
    });
  });
}

function kill(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null) return resolve();
    server.child.once('exit', () => resolve());
    server.child.kill('SIGKILL');
  });
}

async function signIn(url: string, username: string): Promise<string> {
  const response = await request(url).post('/api/auth/login').send({ username, password: DEMO_PASSWORD }).expect(200);
  return `Bearer ${response.body.accessToken}`;
}

describe('a server killed in the middle of a stream of task completions', () => {
  let database: TestDatabase;
  let server: Server | undefined;

  beforeAll(async () => {
    if (!fs.existsSync(mainJs)) throw new Error(`Build the server first: ${mainJs} is missing`);
    database = await createTestDatabase({ persistent: true });
  });
  afterAll(async () => {
    if (server) await kill(server);
    await database.cleanup();
  });

  it('loses no committed step, duplicates none, and fires the due timers after restart', async () => {
    server = await startServer(database);
    const admin = await signIn(server.url, 'admin');
    await request(server.url)
      .post('/api/processes?appKey=crash')
      .set('Authorization', admin)
      .set('Content-Type', 'application/xml')
      .send(bpmn)
      .expect(201);
    const starter = await signIn(server.url, 'account_manager');
    for (let index = 0; index < INSTANCES; index += 1) {
      await request(server.url)
        .post('/api/processes/cooling_off/instances')
        .set('Authorization', starter)
        .send({ businessKey: `crash-${index}` })
        .expect(201);
    }
    const officer = await signIn(server.url, 'credit_officer');
    const tasks = (await request(server.url).get('/api/tasks?view=candidate').set('Authorization', officer).expect(200))
      .body.items as { id: string }[];
    expect(tasks).toHaveLength(INSTANCES);

    // Completions go out two at a time; the server is killed after the tenth acknowledgement.
    const acknowledged = new Set<string>();
    const url = server.url;
    const victim = server;
    let killed: Promise<void> | undefined;
    const queue = [...tasks];
    const lane = async () => {
      for (let task = queue.shift(); task; task = queue.shift()) {
        try {
          const response = await request(url)
            .post(`/api/tasks/${task.id}/complete`)
            .set('Authorization', officer)
            .send({ data: { approved: true } });
          if (response.status === 200) acknowledged.add(task.id);
          if (acknowledged.size >= 10) killed ??= kill(victim);
        } catch {
          return; // the connection died with the server
        }
      }
    };
    await Promise.all([lane(), lane()]);
    await killed;
    expect(acknowledged.size).toBeGreaterThanOrEqual(10);
    expect(acknowledged.size).toBeLessThan(INSTANCES);

    server = await startServer(database);
    const admin2 = await signIn(server.url, 'admin');
    const officer2 = await signIn(server.url, 'credit_officer');
    const open = (await request(server.url).get('/api/tasks?view=candidate').set('Authorization', officer2).expect(200))
      .body.items as { id: string }[];
    const done = (await request(server.url).get('/api/tasks?view=done').set('Authorization', officer2).expect(200)).body
      .items as { id: string }[];
    // Every acknowledged completion survived; each task is either done or still open, never both.
    for (const id of acknowledged) expect(done.map((task) => task.id)).toContain(id);
    expect(new Set([...open, ...done].map((task) => task.id)).size).toBe(INSTANCES);
    expect(open.length + done.length).toBe(INSTANCES);

    // The cooling-off timers of the completed steps were due while the server was down: they fire now.
    const deadline = Date.now() + 60_000;
    let ended = 0;
    while (Date.now() < deadline) {
      const audit = await request(server.url)
        .get('/api/audit?entityType=process_instance&limit=1000')
        .set('Authorization', admin2)
        .expect(200);
      const timers = audit.body.items.filter((entry: { action: string }) => entry.action === 'process.timer');
      ended = timers.length;
      if (ended >= done.length) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(ended).toBe(done.length);

    // No step ran twice: one completion and one timer per finished instance in the audit log.
    const audit = await request(server.url)
      .get('/api/audit?entityType=process_instance&limit=1000')
      .set('Authorization', admin2)
      .expect(200);
    const perInstance = new Map<string, string[]>();
    for (const entry of audit.body.items as { action: string; entityId: string }[]) {
      perInstance.set(entry.entityId, [...(perInstance.get(entry.entityId) ?? []), entry.action]);
    }
    const finished = [...perInstance.values()].filter((actions) => actions.includes('task.complete'));
    expect(finished).toHaveLength(done.length);
    for (const actions of finished)
      expect(actions).toEqual(['process.start', 'task.complete', 'process.timer', 'process.completed']);
    const verified = await request(server.url).get('/api/audit/verify').set('Authorization', admin2).expect(200);
    expect(verified.body.ok).toBe(true);
  });
});
