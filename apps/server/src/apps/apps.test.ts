import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { templateAsText } from '../test-support/template-files';

describe('importing templates', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let admin: string;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    admin = await bearerFor(server, 'admin');
  }, 120_000);
  afterAll(() => testApp.close());

  it('refuses a broken template with 422 naming each file and path, and installs nothing', async () => {
    const files = templateAsText('customer-profile');
    const form = JSON.parse(files['forms/customer.form.json']!);
    form.fields[0].type = 'colour';
    files['forms/customer.form.json'] = JSON.stringify(form);
    const response = await request(server)
      .post('/api/apps/import')
      .set('Authorization', admin)
      .send({ files })
      .expect(422);
    expect(response.body.code).toBe('app.invalid');
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toContain(
      'forms/customer.form.json:fields[0].type',
    );
    const apps = await request(server).get('/api/apps').set('Authorization', admin).expect(200);
    expect(apps.body.items).toEqual([]);
  });

  it('refuses a rule set schedule the scheduler cannot run, naming the trigger', async () => {
    const files = templateAsText('customer-profile');
    const rules = JSON.parse(files['rules/birthday-greeting.rules.json']!);
    rules.triggers[0].cron = '0 8 * *';
    files['rules/birthday-greeting.rules.json'] = JSON.stringify(rules);
    const health = JSON.parse(files['rules/customer-health.rules.json']!);
    health.triggers[0].timeZone = 'Mars/Olympus';
    files['rules/customer-health.rules.json'] = JSON.stringify(health);
    const response = await request(server)
      .post('/api/apps/import')
      .set('Authorization', admin)
      .send({ files })
      .expect(422);
    expect(response.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'rules/birthday-greeting.rules.json:triggers[0].cron', code: 'schedule.cron' }),
        expect.objectContaining({ path: 'rules/customer-health.rules.json:triggers[0].timeZone', code: 'schedule.timeZone' }),
      ]),
    );
    const apps = await request(server).get('/api/apps').set('Authorization', admin).expect(200);
    expect(apps.body.items).toEqual([]);
  });

  it('installs the customer-profile template with its forms, processes and seed records', async () => {
    const imported = await request(server)
      .post('/api/apps/import')
      .set('Authorization', admin)
      .send({ files: templateAsText('customer-profile') })
      .expect(201);
    expect(imported.body).toMatchObject({ key: 'customer-profile', unchanged: false });
    expect(imported.body.forms).toContain('customer');
    expect(imported.body.processes.length).toBeGreaterThan(0);
    expect(imported.body.seededRecords).toBeGreaterThan(0);

    const app = await request(server).get('/api/apps/customer-profile').set('Authorization', admin).expect(200);
    expect(app.body.forms).toEqual(expect.arrayContaining(imported.body.forms));
    const customers = await request(server)
      .get('/api/forms/customer/records?pageSize=1')
      .set('Authorization', admin)
      .expect(200);
    expect(customers.body.total).toBeGreaterThan(0);
    // Seed records belong to the users the template names: an account manager sees their own.
    const manager = await bearerFor(server, 'account_manager');
    const own = await request(server)
      .get('/api/forms/customer/records?pageSize=200')
      .set('Authorization', manager)
      .expect(200);
    expect(own.body.total).toBeGreaterThan(0);
    expect(own.body.total).toBeLessThan(customers.body.total);
  });

  it('treats importing the same template again as a no-op', async () => {
    const again = await request(server)
      .post('/api/apps/import')
      .set('Authorization', admin)
      .send({ files: templateAsText('customer-profile') })
      .expect(201);
    expect(again.body).toMatchObject({ unchanged: true, forms: [], processes: [], seededRecords: 0 });
    const versions = await request(server).get('/api/forms/customer/versions').set('Authorization', admin).expect(200);
    expect(versions.body.items).toHaveLength(1);
  });

  it('installs the loan-approval template on top of the customer profile it depends on', async () => {
    const imported = await request(server)
      .post('/api/apps/import')
      .set('Authorization', admin)
      .send({ files: templateAsText('loan-approval') })
      .expect(201);
    expect(imported.body.processes).toContain('loan_approval');
    const processes = await request(server)
      .get('/api/processes?appKey=loan-approval')
      .set('Authorization', admin)
      .expect(200);
    expect(processes.body.items.map((process: { key: string }) => process.key)).toContain('loan_approval');
  });

  it('runs the template rule sets on record writes, in the same transaction, with their trace kept', async () => {
    const template = templateAsText('customer-profile');
    const seed = JSON.parse(template['seed/customers.json']!);
    const form = JSON.parse(template['forms/customer.form.json']!) as {
      fields: { key: string; type: string; readonly?: unknown }[];
    };
    // What an account manager types in: the seed customer without the fields the form or the rules fill.
    const typedIn = new Set(
      form.fields
        .filter((field) => field.readonly === undefined && field.type !== 'computed')
        .map((field) => field.key),
    );
    const data = Object.fromEntries(
      Object.entries(seed.records[0].data as Record<string, unknown>).filter(
        ([key]) => typedIn.has(key) && key !== 'tags',
      ),
    );
    const manager = await bearerFor(server, 'account_manager');
    const created = await request(server)
      .post('/api/forms/customer/records')
      .set('Authorization', manager)
      .send({ data: { ...data, aum: '7000000.00' } })
      .expect(201);
    expect(created.body.data.tier).toBe('private');
    expect(created.body.data.tags).toEqual(expect.arrayContaining(['private_banking', 'high_net_worth']));

    // Lowering the AUM re-tiers the customer: the update trigger watches the aum field.
    const lowered = await request(server)
      .patch(`/api/forms/customer/records/${created.body.id}`)
      .set('Authorization', manager)
      .send({ version: created.body.version, data: { aum: '100000.00' } })
      .expect(200);
    expect(lowered.body.data.tier).not.toBe('private');
    expect(lowered.body.data.tags).not.toContain('private_banking');

    const dataSource = testApp.app.get(DataSource);
    const evaluations = await dataSource.query(
      `SELECT rule_set, trigger, trace FROM rule_evaluation WHERE record_id = $1 ORDER BY at`,
      [created.body.id],
    );
    expect(evaluations.map((row: { rule_set: string; trigger: string }) => [row.rule_set, row.trigger])).toEqual(
      expect.arrayContaining([
        ['customer_tiering', 'record.created'],
        ['customer_tiering', 'record.updated'],
      ]),
    );
    const fired = evaluations[0].trace.find((rule: { matched: boolean }) => rule.matched);
    expect(fired.ruleId).toBe('private_banking');
  });

  it('lets only admins import', async () => {
    const manager = await bearerFor(server, 'account_manager');
    await request(server).post('/api/apps/import').set('Authorization', manager).send({ files: {} }).expect(403);
  });
});
