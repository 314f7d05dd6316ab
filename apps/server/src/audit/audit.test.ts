import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { AuditService } from './audit.service';

async function failSignIns(
  server: ReturnType<TestApp['app']['getHttpServer']>,
  count: number,
  prefix: string,
): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      request(server)
        .post('/api/auth/login')
        .send({ username: `${prefix}-${index}`, password: 'wrong-password' })
        .expect(401),
    ),
  );
}

describe('audit chain', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let admin: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    server = testApp.app.getHttpServer();
    admin = await bearerFor(server, 'admin');
  });
  afterAll(() => testApp.close());

  it('stays linear when many writes append at once, and verifies', async () => {
    await failSignIns(server, 25, 'burst');
    const verified = await request(server).get('/api/audit/verify').set('Authorization', admin).expect(200);
    expect(verified.body).toEqual({ ok: true, checked: expect.any(Number) });
    expect(verified.body.checked).toBeGreaterThanOrEqual(25 + 9);
  });

  it('refuses UPDATE and DELETE of audit rows in SQL', async () => {
    const dataSource = testApp.app.get(DataSource);
    await expect(dataSource.query(`UPDATE audit_event SET actor = 'someone-else' WHERE seq = 1`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`DELETE FROM audit_event WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('names the row whose content was changed behind its back', async () => {
    const dataSource = testApp.app.get(DataSource);
    const [victim] = await dataSource.query(
      `SELECT seq, id FROM audit_event WHERE action = 'auth.login.failed' ORDER BY seq LIMIT 1 OFFSET 3`,
    );
    await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await dataSource.query(`UPDATE audit_event SET after = '{"username":"nobody","ip":"10.0.0.1"}' WHERE seq = $1`, [
      victim.seq,
    ]);
    await dataSource.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);

    const verified = await request(server).get('/api/audit/verify').set('Authorization', admin).expect(200);
    expect(verified.body).toMatchObject({
      ok: false,
      checked: Number(victim.seq) - 1,
      firstBroken: { seq: Number(victim.seq), id: victim.id, reason: 'content' },
    });
  });

  it('lets supervisors read entries and keeps other roles out', async () => {
    const supervisor = await bearerFor(server, 'supervisor');
    const listed = await request(server)
      .get('/api/audit?entityType=user&limit=5')
      .set('Authorization', supervisor)
      .expect(200);
    expect(listed.body.items).toHaveLength(5);
    expect(listed.body.items[0]).toMatchObject({
      seq: expect.any(Number),
      actor: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await request(server).get('/api/audit/verify').set('Authorization', supervisor).expect(403);
    const manager = await bearerFor(server, 'account_manager');
    await request(server).get('/api/audit').set('Authorization', manager).expect(403);
  });
});

describe('audit chain with rows removed', () => {
  it('names the row after a deleted one', async () => {
    const testApp = await startTestApp();
    try {
      const dataSource = testApp.app.get(DataSource);
      await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      await dataSource.query(`DELETE FROM audit_event WHERE seq = 3`);
      const [next] = await dataSource.query(`SELECT id FROM audit_event WHERE seq = 4`);
      const result = await testApp.app.get(AuditService).verify();
      expect(result).toEqual({ ok: false, checked: 2, firstBroken: { seq: 4, id: next.id, reason: 'link' } });
    } finally {
      await testApp.close();
    }
  });

  it('names the missing tail when the newest rows are deleted', async () => {
    const testApp = await startTestApp();
    try {
      const dataSource = testApp.app.get(DataSource);
      const [{ max }] = await dataSource.query(`SELECT max(seq) AS max FROM audit_event`);
      await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
      await dataSource.query(`DELETE FROM audit_event WHERE seq = $1`, [Number(max)]);
      const result = await testApp.app.get(AuditService).verify();
      expect(result).toEqual({
        ok: false,
        checked: Number(max) - 1,
        firstBroken: { seq: Number(max), id: null, reason: 'head' },
      });
    } finally {
      await testApp.close();
    }
  });
});

const postgresUrl = process.env.DATABASE_URL;

// On the embedded database there is only ever one process; the shared case exists on Postgres.
if (postgresUrl) {
  describe('two server processes on one Postgres', () => {
    it('append to one linear chain', async () => {
      const first = await startTestApp();
      const second = await startTestApp({ database: first.database });
      try {
        await Promise.all([
          failSignIns(first.app.getHttpServer(), 30, 'one'),
          failSignIns(second.app.getHttpServer(), 30, 'two'),
        ]);
        const result = await first.app.get(AuditService).verify();
        expect(result.ok).toBe(true);
        expect(result.checked).toBeGreaterThanOrEqual(60);
      } finally {
        await second.close({ keepDatabase: true });
        await first.close();
      }
    });
  });
}
