import { randomBytes } from 'node:crypto';
import pg from 'pg';
import request from 'supertest';
import { loadConfig } from '../core/config';
import { ReportReads } from '../core/database/read-replica';
import { bearerFor } from '../test-support/sign-in';
import { templateAsText } from '../test-support/template-files';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { createPostgresSchema, type TestDatabase, withClient } from '../test-support/test-database';

describe('DATABASE_READ_URL', () => {
  const primary = 'postgres://postgres@127.0.0.1:5432/tessera';

  it('is refused at start without DATABASE_URL, naming both variables', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://reader@replica:5432/tessera' })).toThrow(
      /DATABASE_READ_URL needs DATABASE_URL/,
    );
  });

  it('is refused at start when it is not a postgres URL, without echoing it', () => {
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'mysql://u:secret@replica/tessera' })).toThrow(
      'DATABASE_READ_URL must be a postgres:// URL, got a mysql:// URL',
    );
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: 'replica:5432' })).toThrow(
      /DATABASE_READ_URL must be a postgres:\/\/ URL/,
    );
  });

  it('takes a postgres URL beside DATABASE_URL, with a pool of 5 unless DATABASE_READ_POOL_SIZE says otherwise', () => {
    const replica = 'postgresql://reader@replica:5432/tessera';
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica })).toMatchObject({
      databaseReadUrl: replica,
      databaseReadPoolSize: 5,
    });
    expect(
      loadConfig({ DATABASE_URL: primary, DATABASE_READ_URL: replica, DATABASE_READ_POOL_SIZE: '2' })
        .databaseReadPoolSize,
    ).toBe(2);
    expect(() => loadConfig({ DATABASE_URL: primary, DATABASE_READ_POOL_SIZE: '0' })).toThrow(
      /DATABASE_READ_POOL_SIZE/,
    );
    expect(loadConfig({ DATABASE_URL: primary }).databaseReadUrl).toBeUndefined();
  });
});

if (process.env.DATABASE_URL) {
  describe('reports on a PostgreSQL read replica', () => {
    const base = process.env.DATABASE_URL!;
    const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
    const primaryName = `tessera_primary_${suffix}`;
    const replicaName = `tessera_replica_${suffix}`;
    // The "replica" is the same database reached as a role that may read the record table and
    // nothing else: a report that succeeds proves forms, permissions and scopes came from the primary.
    const readerRole = `tessera_reader_${suffix}`;
    let database: TestDatabase;
    let testApp: TestApp;
    let server: ReturnType<TestApp['app']['getHttpServer']>;
    let admin: string;

    function urlWith(url: string, changes: { user?: string; applicationName?: string; options?: string }): string {
      const parsed = new URL(url);
      if (changes.user) {
        parsed.username = changes.user;
        parsed.password = '';
      }
      if (changes.applicationName) parsed.searchParams.set('application_name', changes.applicationName);
      if (changes.options) parsed.searchParams.set('options', changes.options);
      return parsed.toString();
    }

    /** A connection as the superuser of DATABASE_URL (or to `url`), closed after `work`. */
    const asSuperuser = <T>(work: (client: pg.Client) => Promise<T>, url = base): Promise<T> => withClient(url, work);

    const schemaOf = () => database.target.schema!;

    beforeAll(async () => {
      await asSuperuser((client) => client.query(`CREATE ROLE "${readerRole}" LOGIN`));
      database = await createPostgresSchema(urlWith(base, { applicationName: primaryName }));
      testApp = await startTestApp({
        database,
        config: {
          workerEnabled: false,
          // A URL that asks for writable sessions still gets read-only ones.
          databaseReadUrl: urlWith(base, {
            user: readerRole,
            applicationName: replicaName,
            options: '-c default_transaction_read_only=off',
          }),
          databaseReadPoolSize: 1,
        },
      });
      server = testApp.app.getHttpServer();
      await asSuperuser(async (client) => {
        await client.query(`GRANT USAGE ON SCHEMA "${schemaOf()}" TO "${readerRole}"`);
        await client.query(`GRANT SELECT ON "${schemaOf()}".record TO "${readerRole}"`);
      });
      admin = await bearerFor(server, 'admin');
      await request(server)
        .post('/api/apps/import')
        .set('Authorization', admin)
        .send({ files: templateAsText('customer-profile') })
        .expect(201);
    }, 180_000);

    afterAll(async () => {
      await testApp?.close();
      await asSuperuser(async (client) => {
        await client.query(`DROP OWNED BY "${readerRole}"`);
        await client.query(`DROP ROLE IF EXISTS "${readerRole}"`);
      });
    });

    /** The sessions of one application name on this database, with the last statement each ran. */
    async function sessions(applicationName: string): Promise<{ usename: string; query: string }[]> {
      return asSuperuser(async (client) => {
        const result = await client.query<{ usename: string; query: string }>(
          `SELECT usename, query FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
          [applicationName],
        );
        return result.rows;
      });
    }

    it('runs the dataset query on a read-only replica session and the permission checks on the primary', async () => {
      const [{ count: customers }] = await asSuperuser(async (client) => {
        const result = await client.query<{ count: string }>(
          `SELECT count(*) FROM "${schemaOf()}".record WHERE form_key = 'customer' AND deleted_at IS NULL`,
        );
        return result.rows as [{ count: string }];
      });
      expect(Number(customers)).toBeGreaterThan(0);

      const response = await request(server)
        .post('/api/reports/customer_insights/datasets/by_tier/run')
        .set('Authorization', admin)
        .send({})
        .expect(200);
      const counted = response.body.rows.reduce((sum: number, row: { customers: number }) => sum + row.customers, 0);
      expect(counted).toBe(Number(customers));

      // The replica pool holds one session, of the reader role, whose last statement is the dataset's aggregate.
      const replica = await sessions(replicaName);
      expect(replica).toHaveLength(1);
      expect(replica[0]!.usename).toBe(readerRole);
      expect(replica[0]!.query).toMatch(/GROUP BY/i);
      expect(replica[0]!.query).toMatch(/\brecord\b/);
      expect(replica[0]!.query).not.toMatch(/form_definition|user_role|role_record_scope/);
      // The primary's sessions are the app's own role, and the reader role may not read form definitions:
      // form loading and the permission and scope checks cannot have run on the replica.
      const primary = await sessions(primaryName);
      expect(primary.length).toBeGreaterThan(0);
      expect(primary.every((session) => session.usename !== readerRole)).toBe(true);
      await expect(testApp.app.get(ReportReads).query(`SELECT * FROM form_definition LIMIT 1`)).rejects.toMatchObject({
        code: '42501',
      });
    });

    it('runs exports and dashboards on the replica too', async () => {
      await request(server)
        .get('/api/reports/customer_insights/datasets/by_tier/export?format=csv')
        .set('Authorization', admin)
        .expect(200);
      const reports = await request(server).get('/api/reports').set('Authorization', admin).expect(200);
      const insights = (reports.body as { key: string; dashboards: { key: string }[] }[]).find(
        (report) => report.key === 'customer_insights',
      )!;
      expect(insights.dashboards.length).toBeGreaterThan(0);
      const dashboard = await request(server)
        .post(`/api/reports/customer_insights/dashboards/${insights.dashboards[0]!.key}/run`)
        .set('Authorization', admin)
        .send({})
        .expect(200);
      expect(dashboard.body.panels.every((panel: { error?: unknown }) => panel.error === undefined)).toBe(true);
      expect((await sessions(replicaName))[0]!.query).toMatch(/\brecord\b/);
    });

    it('refuses writes on the replica pool: its sessions are read-only', async () => {
      const reads = testApp.app.get(ReportReads);
      expect(reads.usesReplica).toBe(true);
      await expect(reads.query(`SHOW default_transaction_read_only`)).resolves.toEqual([
        { default_transaction_read_only: 'on' },
      ]);
      await expect(reads.query(`CREATE TEMP TABLE scratch (n int)`)).rejects.toMatchObject({ code: '25006' });
      await expect(reads.query(`UPDATE record SET deleted_at = now()`)).rejects.toMatchObject({ code: '25006' });
      const [{ count: deleted }] = await asSuperuser(async (client) => {
        const result = await client.query<{ count: string }>(
          `SELECT count(*) FROM "${schemaOf()}".record WHERE deleted_at IS NOT NULL`,
        );
        return result.rows as [{ count: string }];
      });
      expect(Number(deleted)).toBe(0);
    });

    it('names the replica in GET /api/health, reachable, with no lag to read on a server that is not a standby', async () => {
      const response = await request(server).get('/api/health').expect(200);
      const { hostname, port, pathname } = new URL(base);
      expect(response.body.status).toBe('ok');
      expect(response.body.replica).toEqual({
        target: `${hostname}${port ? `:${port}` : ''}${pathname}`,
        reachable: true,
        lagSeconds: null,
      });
      expect(JSON.stringify(response.body)).not.toContain(readerRole);
    });

    it('answers 503 database.replicaUnavailable with Retry-After when the replica is unreachable, and never falls back to the primary', async () => {
      const away = await startTestApp({
        database,
        config: {
          workerEnabled: false,
          databaseReadUrl: 'postgres://postgres@127.0.0.1:1/tessera',
          databaseReadPoolSize: 1,
        },
      });
      try {
        const awayServer = away.app.getHttpServer();
        const bearer = await bearerFor(awayServer, 'admin');
        const before = (await sessions(primaryName)).map((session) => session.query);
        const run = await request(awayServer)
          .post('/api/reports/customer_insights/datasets/by_tier/run')
          .set('Authorization', bearer)
          .send({})
          .expect(503);
        expect(run.headers['retry-after']).toBe('30');
        expect(run.body).toMatchObject({ code: 'database.replicaUnavailable' });
        expect(run.body.details[0]).toMatchObject({ path: '', code: 'connection.ECONNREFUSED' });
        // No session of the primary ran the aggregate in its place.
        const after = await sessions(primaryName);
        expect(after.filter((session) => /GROUP BY/i.test(session.query) && !before.includes(session.query))).toEqual(
          [],
        );

        // Everything that is not a report dataset still works on the primary.
        await request(awayServer)
          .get('/api/forms/customer/records?pageSize=1')
          .set('Authorization', bearer)
          .expect(200);
        const health = await request(awayServer).get('/api/health').expect(200);
        expect(health.body).toMatchObject({
          status: 'degraded',
          databaseReachable: true,
          replica: { reachable: false, lagSeconds: null, target: '127.0.0.1:1/tessera' },
        });
      } finally {
        await away.close({ keepDatabase: true });
      }
    }, 60_000);
  });
}
