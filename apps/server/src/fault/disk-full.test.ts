import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { bearerFor } from '../test-support/sign-in';
import { loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { snapshotTables } from './table-snapshot';

const bpmn = fs.readFileSync(path.join(__dirname, '../processes/fixtures/cooling-off.bpmn'), 'utf8');
const records = '/api/forms/loan_application/records';

/**
 * Disk-full-like write failures: a trigger makes inserts into one table fail with SQLSTATE 53100
 * (disk_full) after other rows of the same transaction were already written. The API answers
 * 503 database.writeFailed with Retry-After, nothing of the request stays, the server keeps serving
 * reads, and once the trigger is gone the same writes succeed.
 */
describe('writes failing with disk_full in the middle of a transaction', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let dataSource: DataSource;
  const bearer: Record<string, string> = {};

  const failInsertsInto = (table: string) =>
    dataSource.query(
      `CREATE TRIGGER tessera_fault_disk_full BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION tessera_fault_disk_full()`,
    );
  const heal = (table: string) => dataSource.query(`DROP TRIGGER tessera_fault_disk_full ON ${table}`);

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    dataSource = testApp.app.get(DataSource);
    for (const user of ['admin', 'account_manager', 'credit_officer']) bearer[user] = await bearerFor(server, user);
    await request(server)
      .post('/api/forms')
      .set('Authorization', bearer.admin!)
      .send({ appKey: 'loan-approval', definition: loanApplicationDefinition() })
      .expect(201);
    await request(server)
      .post('/api/processes?appKey=fault')
      .set('Authorization', bearer.admin!)
      .set('Content-Type', 'application/xml')
      .send(bpmn)
      .expect(201);
    await dataSource.query(
      `CREATE FUNCTION tessera_fault_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$`,
    );
  });
  afterAll(() => testApp?.close());

  it('refuses a record whose audit row cannot be written with 503 database.writeFailed and keeps nothing', async () => {
    await failInsertsInto('audit_event');
    try {
      const before = await snapshotTables(dataSource);
      const response = await request(server)
        .post(records)
        .set('Authorization', bearer.account_manager!)
        .set('Accept-Language', 'en')
        .send({ data: loanApplicationData(1) })
        .expect(503);
      expect(response.headers['retry-after']).toMatch(/^\d+$/);
      expect(response.body).toEqual({
        code: 'database.writeFailed',
        message: expect.stringContaining('nothing was written'),
        details: [expect.objectContaining({ code: 'sqlstate.53100' })],
      });
      expect(await snapshotTables(dataSource)).toEqual(before);
      // Reads keep working and the server says it is healthy: only writes are refused.
      await request(server).get(records).set('Authorization', bearer.account_manager!).expect(200);
      expect((await request(server).get('/api/health').expect(200)).body.status).toBe('ok');
    } finally {
      await heal('audit_event');
    }
    const created = await request(server)
      .post(records)
      .set('Authorization', bearer.account_manager!)
      .send({ data: loanApplicationData(1) })
      .expect(201);
    const [stored] = (await dataSource.query(`SELECT count(*)::int AS n FROM record WHERE id = $1`, [created.body.id])) as {
      n: number;
    }[];
    expect(stored!.n).toBe(1);
  });

  it('refuses a process start whose history cannot be written after the instance row was inserted', async () => {
    await failInsertsInto('process_history');
    try {
      const before = await snapshotTables(dataSource);
      const response = await request(server)
        .post('/api/processes/cooling_off/instances')
        .set('Authorization', bearer.account_manager!)
        .send({ businessKey: 'disk-full-1' })
        .expect(503);
      expect(response.body.code).toBe('database.writeFailed');
      expect(await snapshotTables(dataSource)).toEqual(before);
    } finally {
      await heal('process_history');
    }
    await request(server)
      .post('/api/processes/cooling_off/instances')
      .set('Authorization', bearer.account_manager!)
      .send({ businessKey: 'disk-full-1' })
      .expect(201);
  });

  it('refuses a task completion whose job cannot be scheduled: the task stays open, the instance unchanged', async () => {
    const started = await request(server)
      .post('/api/processes/cooling_off/instances')
      .set('Authorization', bearer.account_manager!)
      .send({ businessKey: 'disk-full-2' })
      .expect(201);
    const [task] = (await dataSource.query(`SELECT id FROM task WHERE instance_id = $1 AND status = 'open'`, [
      started.body.id,
    ])) as { id: string }[];
    expect(task).toBeDefined();
    await failInsertsInto('job');
    try {
      const before = await snapshotTables(dataSource);
      const response = await request(server)
        .post(`/api/tasks/${task!.id}/complete`)
        .set('Authorization', bearer.credit_officer!)
        .send({ data: { approved: true } })
        .expect(503);
      expect(response.body.code).toBe('database.writeFailed');
      expect(await snapshotTables(dataSource)).toEqual(before);
    } finally {
      await heal('job');
    }
    await request(server)
      .post(`/api/tasks/${task!.id}/complete`)
      .set('Authorization', bearer.credit_officer!)
      .send({ data: { approved: true } })
      .expect(200);
    const [instance] = (await dataSource.query(`SELECT version FROM process_instance WHERE id = $1`, [started.body.id])) as {
      version: number;
    }[];
    expect(instance!.version).toBe(started.body.version + 1);
  });
});
