import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { GENESIS_HASH, legacyAuditHash } from './audit-hash';
import { AuditService } from './audit.service';

/** Appends `count` entries at once, each in its own transaction, as concurrent requests would. */
async function appendConcurrently(app: TestApp['app'], count: number, actor: string): Promise<void> {
  const dataSource = app.get(DataSource);
  const audit = app.get(AuditService);
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      dataSource.transaction((manager) =>
        audit.append(manager, {
          actor,
          action: 'test.write',
          entityType: 'sample',
          entityId: `${actor}-${index}`,
          after: { index },
        }),
      ),
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
    await appendConcurrently(testApp.app, 25, 'burst');
    const verified = await request(server).get('/api/audit/verify').set('Authorization', admin).expect(200);
    expect(verified.body).toEqual({ ok: true, checked: expect.any(Number) });
    expect(verified.body.checked).toBeGreaterThanOrEqual(25 + 9);
  });

  it('writes no entry for a transaction that rolls back, nor for a savepoint rolled back', async () => {
    const dataSource = testApp.app.get(DataSource);
    const audit = testApp.app.get(AuditService);
    const entry = (entityId: string) => ({
      actor: 'rollback',
      action: 'test.rollback',
      entityType: 'sample',
      entityId,
    });
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.append(manager, entry('whole'));
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    await dataSource.transaction(async (manager) => {
      await audit.append(manager, entry('outer'));
      await expect(
        manager.transaction(async (inner) => {
          await audit.append(inner, entry('dropped'));
          throw new Error('the inner write failed');
        }),
      ).rejects.toThrow('the inner write failed');
      await manager.transaction((inner) => audit.append(inner, entry('kept')));
    });
    const rows = (await dataSource.query(
      `SELECT entity_id FROM audit_event WHERE action = 'test.rollback' ORDER BY seq`,
    )) as { entity_id: string }[];
    expect(rows.map((row) => row.entity_id)).toEqual(['outer', 'kept']);
    expect(await audit.verify()).toEqual({ ok: true, checked: expect.any(Number) });
  });

  it('chains several entries of one transaction in order, and one outside any transaction', async () => {
    const dataSource = testApp.app.get(DataSource);
    const audit = testApp.app.get(AuditService);
    await dataSource.transaction(async (manager) => {
      for (const index of [1, 2, 3]) {
        await audit.append(manager, { actor: 'batch', action: 'test.batch', entityType: 'sample', after: { index } });
      }
    });
    await audit.append(dataSource.manager, {
      actor: "o'batch",
      action: 'test.batch',
      entityType: 'sample',
      after: { index: 4, note: "it's a \\ back\\'slash $$ $1 ' -- \u00e9" },
    });
    const rows = (await dataSource.query(
      `SELECT seq, prev_hash, hash, after FROM audit_event WHERE action = 'test.batch' ORDER BY seq`,
    )) as { seq: number; prev_hash: string; hash: string; after: { index: number; note?: string } }[];
    expect(rows.map((row) => row.after.index)).toEqual([1, 2, 3, 4]);
    expect(rows[3]!.after).toEqual({ index: 4, note: "it's a \\ back\\'slash $$ $1 ' -- \u00e9" });
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(Number(rows[1]!.seq)).toBe(Number(rows[0]!.seq) + 1);
    expect(await audit.verify()).toEqual({ ok: true, checked: expect.any(Number) });
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
      `SELECT seq, id FROM audit_event WHERE action = 'test.write' ORDER BY seq LIMIT 1 OFFSET 3`,
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

describe('audit chain without its head row', () => {
  it('fails the transaction rather than commit the write without its audit row', async () => {
    const testApp = await startTestApp();
    try {
      const dataSource = testApp.app.get(DataSource);
      const audit = testApp.app.get(AuditService);
      await dataSource.query(`DELETE FROM audit_chain_head`);
      await dataSource.query(`CREATE TABLE audit_probe (id int)`);
      await expect(
        dataSource.transaction(async (manager) => {
          await manager.query(`INSERT INTO audit_probe VALUES (1)`);
          await audit.append(manager, { actor: 'probe', action: 'test.headless', entityType: 'sample' });
        }),
      ).rejects.toThrow(/seq/);
      expect(await dataSource.query(`SELECT * FROM audit_probe`)).toEqual([]);
      expect(await dataSource.query(`SELECT seq FROM audit_event WHERE action = 'test.headless'`)).toEqual([]);
    } finally {
      await testApp.close();
    }
  });
});

describe('audit chain begun in the earlier hash form', () => {
  it('verifies earlier-form rows followed by current ones, and refuses an earlier-form row after them', async () => {
    const testApp = await startTestApp();
    try {
      const dataSource = testApp.app.get(DataSource);
      const audit = testApp.app.get(AuditService);
      await dataSource.query(`ALTER TABLE audit_event DISABLE TRIGGER USER`);
      await dataSource.query(`DELETE FROM audit_event`);
      const insertLegacy = async (seq: number, prevHash: string, at: Date): Promise<string> => {
        const row = {
          seq,
          id: randomUUID(),
          at,
          actor: 'legacy',
          action: 'test.legacy',
          entityType: 'sample',
          entityId: null,
          before: null,
          after: { seq },
          prevHash,
        };
        const hash = legacyAuditHash(row);
        await dataSource.query(
          `INSERT INTO audit_event (seq, id, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash)
           VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, $7, $8, $9)`,
          [seq, row.id, at, row.actor, row.action, row.entityType, JSON.stringify(row.after), prevHash, hash],
        );
        await dataSource.query(`UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1`, [seq, hash]);
        return hash;
      };
      const first = await insertLegacy(1, GENESIS_HASH, new Date('2026-01-02T03:04:05.678Z'));
      await insertLegacy(2, first, new Date('2026-01-02T03:04:06.000Z'));
      await audit.append(dataSource.manager, { actor: 'current', action: 'test.current', entityType: 'sample' });
      expect(await audit.verify()).toEqual({ ok: true, checked: 3 });

      const [head] = (await dataSource.query(`SELECT last_hash FROM audit_chain_head WHERE id = 1`)) as {
        last_hash: string;
      }[];
      await insertLegacy(4, head!.last_hash, new Date());
      const [late] = (await dataSource.query(`SELECT id FROM audit_event WHERE seq = 4`)) as { id: string }[];
      expect(await audit.verify()).toEqual({
        ok: false,
        checked: 3,
        firstBroken: { seq: 4, id: late!.id, reason: 'content' },
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
      const first = await startTestApp({ config: { workerEnabled: false } });
      const second = await startTestApp({ database: first.database, config: { workerEnabled: false } });
      try {
        await Promise.all([appendConcurrently(first.app, 40, 'one'), appendConcurrently(second.app, 40, 'two')]);
        const result = await first.app.get(AuditService).verify();
        expect(result.ok).toBe(true);
        const [{ count }] = await first.app
          .get(DataSource)
          .query(`SELECT count(*)::int AS count FROM audit_event WHERE action = 'test.write'`);
        expect(count).toBe(80);
      } finally {
        await second.close({ keepDatabase: true });
        await first.close();
      }
    });
  });
}
