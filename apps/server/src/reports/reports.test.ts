import request from 'supertest';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { templateAsText } from '../test-support/template-files';
import { demoUsers } from '../users/demo-users';

describe('reports', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    for (const user of demoUsers) bearer[user.username] = await bearerFor(server, user.username);
    await request(server)
      .post('/api/apps/import')
      .set('Authorization', bearer.admin!)
      .send({ files: templateAsText('customer-profile') })
      .expect(201);
  }, 180_000);
  afterAll(() => testApp.close());

  /** Every customer the record API shows the user, as they see it. */
  async function customersAsSeenBy(username: string): Promise<Map<string, Record<string, unknown>> | undefined> {
    const seen = new Map<string, Record<string, unknown>>();
    for (let page = 1; ; page += 1) {
      const response = await request(server)
        .get(`/api/forms/customer/records?pageSize=200&page=${page}`)
        .set('Authorization', bearer[username]!);
      if (response.status === 403) return undefined;
      for (const item of response.body.items) seen.set(item.id, item.data);
      if (page * 200 >= response.body.total) return seen;
    }
  }

  it.each(demoUsers.map((user) => user.username))(
    'never shows %s more through a report than through the record API',
    async (username) => {
      const seen = await customersAsSeenBy(username);
      const byTier = await request(server)
        .post('/api/reports/customer_insights/datasets/by_tier/run')
        .set('Authorization', bearer[username]!)
        .send({});
      const warnings = await request(server)
        .post('/api/reports/customer_insights/datasets/warnings/run')
        .set('Authorization', bearer[username]!)
        .send({});
      if (!seen) {
        expect([byTier.status, warnings.status]).toEqual([403, 403]);
        return;
      }
      expect(byTier.status).toBe(200);
      const counted = byTier.body.rows.reduce((sum: number, row: { customers: number }) => sum + row.customers, 0);
      expect(counted).toBe(seen.size);

      // Each listed value is one the user sees in the record API: masked names stay masked.
      expect(warnings.status).toBe(200);
      const visibleNames = new Set([...seen.values()].map((data) => data.name));
      for (const row of warnings.body.rows as { name: unknown }[]) expect(visibleNames).toContain(row.name);
    },
  );

  it('exports a dataset as CSV and XLSX with the same permissions, and records the export', async () => {
    const csv = await request(server)
      .get('/api/reports/customer_insights/datasets/warnings/export?format=csv')
      .set('Authorization', bearer.account_manager!)
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const seen = (await customersAsSeenBy('account_manager'))!;
    const lines = csv.text.trim().split('\r\n');
    const warned = [...seen.values()].filter((data) => data.warning === true).length;
    expect(lines.length - 1).toBe(warned);

    const xlsx = await request(server)
      .get('/api/reports/customer_insights/datasets/warnings/export?format=xlsx')
      .set('Authorization', bearer.account_manager!)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
    const audit = await request(server)
      .get('/api/audit?entityType=report')
      .set('Authorization', bearer.admin!)
      .expect(200);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'report.export',
      'report.export',
    ]);
  });

  it('answers 404 for an unknown report or dataset', async () => {
    await request(server)
      .post('/api/reports/nothing/datasets/x/run')
      .set('Authorization', bearer.admin!)
      .send({})
      .expect(404);
    const missing = await request(server)
      .post('/api/reports/customer_insights/datasets/nothing/run')
      .set('Authorization', bearer.admin!)
      .send({})
      .expect(404);
    expect(missing.body.code).toBe('report.datasetNotFound');
  });
});
