import request from 'supertest';
import { createPgliteDatabase, createPostgresSchema, type TestDatabase } from '../test-support/test-database';
import { startTestApp, type TestApp } from '../test-support/test-app';

describe('GET /api/health', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('reports ok, the database kind and that every migration is applied', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/health').expect(200);
    expect(response.body).toMatchObject({
      status: 'ok',
      database: testApp.database.kind,
      migrations: { pending: 0 },
    });
    expect(response.body.migrations.applied).toBeGreaterThan(0);
    // Without DATABASE_READ_URL there is no replica to name.
    expect(response.body).not.toHaveProperty('replica');
    expect(response.body.instanceId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a caller-given request id and invents one otherwise', async () => {
    const server = testApp.app.getHttpServer();
    const given = await request(server).get('/api/health').set('x-request-id', 'req-42').expect(200);
    expect(given.headers['x-request-id']).toBe('req-42');
    const invented = await request(server).get('/api/health').expect(200);
    expect(invented.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document that lists the health endpoint', async () => {
    const response = await request(testApp.app.getHttpServer()).get('/api/docs/openapi.json').expect(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toContain('/api/health');
  });
});

async function databasesOfEveryKind(): Promise<TestDatabase[]> {
  const databases = [await createPgliteDatabase({ persistent: true })];
  if (process.env.DATABASE_URL) databases.push(await createPostgresSchema(process.env.DATABASE_URL));
  return databases;
}

describe('persistence across restarts', () => {
  it('keeps data when the server stops and starts again on the same database', async () => {
    const databases = await databasesOfEveryKind();
    // The embedded kind always; Postgres too where DATABASE_URL names one (as in CI).
    for (const database of databases) {
      const first = await startTestApp({ database });
      const before = await request(first.app.getHttpServer()).get('/api/health').expect(200);
      await first.close({ keepDatabase: true });

      const second = await startTestApp({ database });
      const after = await request(second.app.getHttpServer()).get('/api/health').expect(200);
      await second.close();

      expect(after.body.database).toBe(database.kind);
      expect(after.body.instanceId).toBe(before.body.instanceId);
      expect(after.body.migrations).toEqual(before.body.migrations);
    }
  }, 180_000);
});
