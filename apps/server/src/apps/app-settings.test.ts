import request from 'supertest';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { templateAsText } from '../test-support/template-files';

const STUB_URL = 'http://127.0.0.1:3000/api/demo/core-banking/disbursements';
const BANK_URL = 'https://core.bank.example/loans/disbursements';

/** A one-step process of the loan app: enough to see which settings an instance starts with. */
const settingsProbeBpmn = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tessera="http://tessera.dev/schema/bpmn/1.0"
                  id="probe_definitions" targetNamespace="http://tessera.dev/test">
  <bpmn:process id="settings_probe" name="设置探针" isExecutable="true">
    <bpmn:startEvent id="start"><bpmn:outgoing>to_check</bpmn:outgoing></bpmn:startEvent>
    <bpmn:sequenceFlow id="to_check" sourceRef="start" targetRef="check" />
    <bpmn:userTask id="check" name="核对" tessera:candidateRoles="admin">
      <bpmn:incoming>to_check</bpmn:incoming><bpmn:outgoing>to_end</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="to_end" sourceRef="check" targetRef="end" />
    <bpmn:endEvent id="end"><bpmn:incoming>to_end</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;

interface SettingItem {
  key: string;
  type: string;
  format: string | null;
  label: { 'zh-CN': string; en: string };
  default: unknown;
  value: unknown;
  effective: unknown;
  updatedBy: string | null;
  problem: { code: string } | null;
}

describe('app settings IT sets per installation', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let admin: string;
  let dataSource: DataSource;

  const settingsOf = async (appKey = 'loan-approval') => {
    const response = await request(server).get(`/api/apps/${appKey}/settings`).set('Authorization', admin).expect(200);
    return response.body as { version: string; items: SettingItem[]; undeclared: { key: string; value: unknown }[] };
  };
  const item = (items: SettingItem[], key: string) => items.find((setting) => setting.key === key)!;
  const auditEntries = async () =>
    (await dataSource.query(
      `SELECT actor, before, after FROM audit_event WHERE action = 'app.settings.update' AND entity_id = 'loan-approval' ORDER BY seq`,
    )) as { actor: string; before: Record<string, unknown>; after: Record<string, unknown> }[];
  const startProbe = async () => {
    const started = await request(server)
      .post('/api/processes/settings_probe/instances')
      .set('Authorization', admin)
      .send({ variables: { settings: { coreBankingUrl: 'http://caller.example/' } } })
      .expect(201);
    return started.body.id as string;
  };
  const settingsOfInstance = async (id: string) =>
    (await request(server).get(`/api/instances/${id}`).set('Authorization', admin).expect(200)).body.variables.settings as Record<
      string,
      unknown
    >;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    dataSource = testApp.app.get(DataSource);
    admin = await bearerFor(server, 'admin');
    for (const template of ['customer-profile', 'loan-approval']) {
      await request(server).post('/api/apps/import').set('Authorization', admin).send({ files: templateAsText(template) }).expect(201);
    }
    await request(server)
      .post('/api/processes?appKey=loan-approval')
      .set('Authorization', admin)
      .set('Content-Type', 'application/xml')
      .send(settingsProbeBpmn)
      .expect(201);
  }, 180_000);
  afterAll(() => testApp.close());

  it('lists each declared setting with its label, type, default and effective value', async () => {
    const { version, items, undeclared } = await settingsOf();
    expect(version).toBe('1.0.0');
    expect(item(items, 'coreBankingUrl')).toMatchObject({
      type: 'string',
      format: 'url',
      label: { 'zh-CN': '核心系统放款接口', en: 'Core-banking disbursement endpoint' },
      default: STUB_URL,
      value: null,
      effective: STUB_URL,
      updatedBy: null,
      problem: null,
    });
    expect(item(items, 'riskCommittee')).toMatchObject({ type: 'stringList', value: null, effective: ['risk_officer', 'branch_manager', 'supervisor'] });
    expect(undeclared).toEqual([]);
    const openApi = await request(server).get('/api/docs/openapi.json').expect(200);
    expect(Object.keys(openApi.body.paths['/api/apps/{appKey}/settings'] ?? {}).sort()).toEqual(['get', 'put']);
  });

  it('lets only administrators read or change settings', async () => {
    for (const username of ['supervisor', 'account_manager']) {
      const bearer = await bearerFor(server, username);
      await request(server).get('/api/apps/loan-approval/settings').set('Authorization', bearer).expect(403);
      await request(server)
        .put('/api/apps/loan-approval/settings')
        .set('Authorization', bearer)
        .send({ coreBankingUrl: BANK_URL })
        .expect(403);
    }
    expect(item((await settingsOf()).items, 'coreBankingUrl').value).toBeNull();
    await request(server).get('/api/apps/no-such-app/settings').set('Authorization', admin).expect(404);
  });

  it('refuses unknown keys and values that do not fit their declaration, naming each, and saves nothing', async () => {
    const response = await request(server)
      .put('/api/apps/loan-approval/settings')
      .set('Authorization', admin)
      .send({ coreBankingUrl: 'core.bank.example/disbursements', riskCommittee: ['risk_officer', 7], colour: 'red', committeeSize: 3 })
      .expect(422);
    expect(response.body.code).toBe('settings.invalid');
    expect(response.body.details.map((detail: { path: string; code: string }) => [detail.path, detail.code])).toEqual([
      ['settings.coreBankingUrl', 'setting.url'],
      ['settings.riskCommittee[1]', 'setting.listItem'],
      ['settings.colour', 'setting.unknown'],
      ['settings.committeeSize', 'setting.unknown'],
    ]);
    const wrongType = await request(server)
      .put('/api/apps/loan-approval/settings')
      .set('Authorization', admin)
      .send({ coreBankingUrl: 42, riskCommittee: 'risk_officer' })
      .expect(422);
    expect(wrongType.body.details.map((detail: { path: string; code: string }) => [detail.path, detail.code])).toEqual([
      ['settings.coreBankingUrl', 'setting.type'],
      ['settings.riskCommittee', 'setting.type'],
    ]);
    await request(server).put('/api/apps/loan-approval/settings').set('Authorization', admin).send(['coreBankingUrl']).expect(400);
    const { items } = await settingsOf();
    expect(items.map((setting) => setting.value)).toEqual([null, null]);
    expect(await auditEntries()).toEqual([]);
  });

  it('stores a value, audits it with before and after, and starts new processes with it while running ones keep theirs', async () => {
    const before = await startProbe();
    const saved = await request(server)
      .put('/api/apps/loan-approval/settings')
      .set('Authorization', admin)
      .send({ coreBankingUrl: BANK_URL })
      .expect(200);
    expect(item(saved.body.items, 'coreBankingUrl')).toMatchObject({ value: BANK_URL, effective: BANK_URL, default: STUB_URL });
    const [entry] = await auditEntries();
    expect(entry).toMatchObject({ before: { coreBankingUrl: null }, after: { coreBankingUrl: BANK_URL } });
    expect(entry!.actor).not.toBe('');

    const after = await startProbe();
    // A caller's own `settings` variable never replaces the app's.
    expect(await settingsOfInstance(after)).toEqual({ coreBankingUrl: BANK_URL, riskCommittee: ['risk_officer', 'branch_manager', 'supervisor'] });
    expect((await settingsOfInstance(before)).coreBankingUrl).toBe(STUB_URL);

    // The same values again change nothing and leave no audit entry.
    await request(server).put('/api/apps/loan-approval/settings').set('Authorization', admin).send({ coreBankingUrl: BANK_URL }).expect(200);
    expect(await auditEntries()).toHaveLength(1);
  });

  it('keeps stored values across re-imports and upgrades, and reports those the new version no longer declares', async () => {
    await request(server)
      .put('/api/apps/loan-approval/settings')
      .set('Authorization', admin)
      .send({ riskCommittee: ['risk_officer', 'supervisor'] })
      .expect(200);
    const again = await request(server).post('/api/apps/import').set('Authorization', admin).send({ files: templateAsText('loan-approval') }).expect(201);
    expect(again.body).toMatchObject({ unchanged: true, ignoredSettings: [] });

    const files = templateAsText('loan-approval');
    const manifest = JSON.parse(files['app.json']!);
    manifest.version = '1.1.0';
    manifest.settings.coreBankingUrl.default = 'https://core.test.example/disbursements';
    delete manifest.settings.riskCommittee;
    files['app.json'] = JSON.stringify(manifest);
    const upgraded = await request(server).post('/api/apps/import').set('Authorization', admin).send({ files });
    expect([upgraded.status, upgraded.body.ignoredSettings]).toEqual([201, ['riskCommittee']]);

    const { version, items, undeclared } = await settingsOf();
    expect(version).toBe('1.1.0');
    expect(items).toEqual([
      expect.objectContaining({ key: 'coreBankingUrl', value: BANK_URL, effective: BANK_URL, default: 'https://core.test.example/disbursements' }),
    ]);
    expect(undeclared).toEqual([expect.objectContaining({ key: 'riskCommittee', value: ['risk_officer', 'supervisor'] })]);
    expect(await settingsOfInstance(await startProbe())).toEqual({ coreBankingUrl: BANK_URL });

    // An undeclared key may only be cleared; null puts a declared setting back to its default.
    await request(server).put('/api/apps/loan-approval/settings').set('Authorization', admin).send({ riskCommittee: ['x'] }).expect(422);
    const reset = await request(server)
      .put('/api/apps/loan-approval/settings')
      .set('Authorization', admin)
      .send({ riskCommittee: null, coreBankingUrl: null })
      .expect(200);
    expect(reset.body.undeclared).toEqual([]);
    expect(item(reset.body.items, 'coreBankingUrl')).toMatchObject({ value: null, effective: 'https://core.test.example/disbursements' });
    expect((await auditEntries()).at(-1)).toMatchObject({
      before: { riskCommittee: ['risk_officer', 'supervisor'], coreBankingUrl: BANK_URL },
      after: { riskCommittee: null, coreBankingUrl: null },
    });
  });

  it('falls back to the default, and says so, when a new version declares a type the stored value does not fit', async () => {
    await request(server)
      .put('/api/apps/customer-profile/settings')
      .set('Authorization', admin)
      .send({ birthdayGreetingDaysAhead: 7 })
      .expect(200);
    const files = templateAsText('customer-profile');
    const manifest = JSON.parse(files['app.json']!);
    manifest.version = '1.1.0';
    manifest.settings.birthdayGreetingDaysAhead = { ...manifest.settings.birthdayGreetingDaysAhead, type: 'stringList', default: ['3'] };
    files['app.json'] = JSON.stringify(manifest);
    const upgraded = await request(server).post('/api/apps/import').set('Authorization', admin).send({ files }).expect(201);
    expect(upgraded.body.ignoredSettings).toEqual(['birthdayGreetingDaysAhead']);
    const { items } = await settingsOf('customer-profile');
    expect(items).toEqual([
      expect.objectContaining({ key: 'birthdayGreetingDaysAhead', value: 7, effective: ['3'], problem: expect.objectContaining({ code: 'setting.storedValueIgnored' }) }),
    ]);
    const fixed = await request(server)
      .put('/api/apps/customer-profile/settings')
      .set('Authorization', admin)
      .send({ birthdayGreetingDaysAhead: ['1', '7'] })
      .expect(200);
    expect(fixed.body.items[0]).toMatchObject({ value: ['1', '7'], effective: ['1', '7'], problem: null });
  });
});
