import { loadTemplateZip, validateAppPackage } from '@tessera/app-package';
import request from 'supertest';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { templateAsText } from '../test-support/template-files';

type Server = ReturnType<TestApp['app']['getHttpServer']>;

function binary(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** Every definition of an installed app, as the API shows it. */
async function definitionsOf(server: Server, bearer: string, appKey: string) {
  const app = (await request(server).get(`/api/apps/${appKey}`).set('Authorization', bearer).expect(200)).body as {
    forms: string[];
    processes: string[];
    reports: string[];
  };
  const forms: Record<string, unknown> = {};
  for (const key of app.forms) {
    forms[key] = (await request(server).get(`/api/forms/${key}`).set('Authorization', bearer).expect(200)).body.definition;
  }
  const processes: Record<string, unknown> = {};
  for (const key of app.processes) {
    processes[key] = (await request(server).get(`/api/processes/${key}`).set('Authorization', bearer).expect(200)).body.xml;
  }
  const reports: Record<string, unknown> = {};
  for (const key of app.reports) {
    reports[key] = (await request(server).get(`/api/reports/${key}`).set('Authorization', bearer).expect(200)).body.definition;
  }
  const { manifest, ...lists } = app as typeof app & { manifest: Record<string, unknown> };
  // The template's editor hint points into the source tree; an export leaves it out.
  const { $schema: _schema, ...portable } = manifest;
  return { lists, manifest: portable, forms, processes, reports };
}

describe('exporting an app', () => {
  let source: TestApp;
  let server: Server;
  let admin: string;

  beforeAll(async () => {
    source = await startTestApp({ config: { workerEnabled: false } });
    server = source.app.getHttpServer();
    admin = await bearerFor(server, 'admin');
    await request(server)
      .post('/api/apps/import')
      .set('Authorization', admin)
      .send({ files: templateAsText('customer-profile') })
      .expect(201);
  }, 180_000);
  afterAll(() => source.close());

  it('writes a zip that re-imports into a fresh database with the same definitions, studio edits included', async () => {
    const report = (await request(server).get('/api/reports/customer_insights').set('Authorization', admin).expect(200))
      .body.definition;
    await request(server)
      .post('/api/reports')
      .set('Authorization', admin)
      .send({ ...report, title: { 'zh-CN': '客户经营分析（修订）', en: 'Customer insights (revised)' } })
      .expect(201);

    const exported = await request(server)
      .get('/api/apps/customer-profile/export')
      .set('Authorization', admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(exported.headers['content-type']).toBe('application/zip');
    expect(exported.headers['content-disposition']).toBe('attachment; filename="customer-profile-1.0.0.zip"');
    const zip = exported.body as Buffer;
    const files = loadTemplateZip(new Uint8Array(zip));
    const paths = [...files.keys()];
    expect(paths).toContain('app.json');
    expect(paths.some((path) => path.startsWith('seed/'))).toBe(false);
    expect(paths.some((path) => path.startsWith('scenarios/'))).toBe(false);
    expect(paths).toEqual(expect.arrayContaining(['forms/customer.form.json', 'rules/birthday-greeting.rules.json']));
    const validated = await validateAppPackage(files);
    expect(validated.problems.filter((problem) => problem.severity !== 'warning')).toEqual([]);

    const before = await definitionsOf(server, admin, 'customer-profile');
    expect((before.reports.customer_insights as { title: { en: string } }).title.en).toBe('Customer insights (revised)');

    const fresh = await startTestApp({ config: { workerEnabled: false } });
    try {
      const freshServer = fresh.app.getHttpServer();
      const freshAdmin = await bearerFor(freshServer, 'admin');
      const imported = await request(freshServer)
        .post('/api/apps/import')
        .set('Authorization', freshAdmin)
        .attach('file', zip, 'customer-profile.zip')
        .expect(201);
      expect(imported.body).toMatchObject({ key: 'customer-profile', version: '1.0.0', seededRecords: 0 });
      const after = await definitionsOf(freshServer, freshAdmin, 'customer-profile');
      expect(after).toEqual(before);
      const rules = await request(freshServer).get('/api/forms/customer/records').set('Authorization', freshAdmin).expect(200);
      expect(rules.body.total).toBe(0);
    } finally {
      await fresh.close();
    }
  }, 180_000);

  it('includes the records as seed data only when asked, in a package that validates', async () => {
    const exported = await request(server)
      .get('/api/apps/customer-profile/export?seed=true')
      .set('Authorization', admin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const files = loadTemplateZip(new Uint8Array(exported.body as Buffer));
    const customers = JSON.parse(new TextDecoder().decode(files.get('seed/customer.json')!)) as {
      form: string;
      records: unknown[];
    };
    const listed = await request(server).get('/api/forms/customer/records?pageSize=1').set('Authorization', admin).expect(200);
    expect(customers.form).toBe('customer');
    expect(customers.records).toHaveLength(listed.body.total);
    const validated = await validateAppPackage(files);
    expect(validated.problems.filter((problem) => problem.severity !== 'warning')).toEqual([]);
  });

  it('lets only designers export, and answers 404 for an unknown app', async () => {
    const manager = await bearerFor(server, 'account_manager');
    await request(server).get('/api/apps/customer-profile/export').set('Authorization', manager).expect(403);
    const missing = await request(server).get('/api/apps/nothing/export').set('Authorization', admin).expect(404);
    expect(missing.body.code).toBe('app.notFound');
  });

  it('lists the installed versions and publishes one, audited, for admins only', async () => {
    const versions = await request(server).get('/api/apps/customer-profile/versions').set('Authorization', admin).expect(200);
    expect(versions.body.items).toEqual([
      expect.objectContaining({ version: '1.0.0', current: true, published: false, publishedAt: null }),
    ]);
    const manager = await bearerFor(server, 'account_manager');
    await request(server).post('/api/apps/customer-profile/publish').set('Authorization', manager).send({}).expect(403);
    const unknown = await request(server)
      .post('/api/apps/customer-profile/publish')
      .set('Authorization', admin)
      .send({ version: '9.9.9' })
      .expect(422);
    expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'version' })]);

    const published = await request(server)
      .post('/api/apps/customer-profile/publish')
      .set('Authorization', admin)
      .send({})
      .expect(200);
    expect(published.body).toMatchObject({ key: 'customer-profile', version: '1.0.0' });
    const after = await request(server).get('/api/apps/customer-profile/versions').set('Authorization', admin).expect(200);
    expect(after.body.items[0]).toMatchObject({ published: true, publishedBy: expect.any(String) });
    const audit = await request(server).get('/api/audit?entityType=app').set('Authorization', admin).expect(200);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual(
      expect.arrayContaining(['app.install', 'app.export', 'app.publish']),
    );
  });
});
