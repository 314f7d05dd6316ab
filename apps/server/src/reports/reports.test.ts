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

  it('lists the latest version of every report with its datasets, charts and dashboards', async () => {
    const response = await request(server).get('/api/reports').set('Authorization', bearer.account_manager!).expect(200);
    const report = response.body.find((item: { key: string }) => item.key === 'customer_insights');
    expect(report).toMatchObject({ appKey: 'customer-profile', version: 1, title: { 'zh-CN': '客户经营分析' } });
    expect(report.datasets.map((dataset: { key: string }) => dataset.key)).toEqual(
      expect.arrayContaining(['by_tier', 'aum_distribution', 'warnings']),
    );
    expect(report.charts).toContainEqual(
      expect.objectContaining({ key: 'tier_aum', type: 'bar', dataset: 'by_tier' }),
    );
    expect(report.dashboards.map((dashboard: { key: string }) => dashboard.key)).toEqual(['customer_overview']);
  });

  it('offers designers the sources and fields the caller may read', async () => {
    const manager = await request(server).get('/api/reports/sources').set('Authorization', bearer.account_manager!).expect(200);
    const customer = manager.body.find(
      (entry: { source: { type: string; form?: string } }) => entry.source.type === 'records' && entry.source.form === 'customer',
    );
    expect(customer.title).toMatchObject({ 'zh-CN': expect.any(String), en: expect.any(String) });
    expect(customer.fields).toContainEqual(expect.objectContaining({ key: 'aum', type: 'money' }));
    expect(customer.fields).toContainEqual(expect.objectContaining({ key: '$createdAt', type: 'datetime' }));
    expect(manager.body.some((entry: { source: { type: string } }) => entry.source.type === 'tasks')).toBe(false);
    const supervisor = await request(server).get('/api/reports/sources').set('Authorization', bearer.supervisor!).expect(200);
    expect(supervisor.body.map((entry: { source: { type: string } }) => entry.source.type)).toEqual(
      expect.arrayContaining(['records', 'tasks', 'processInstances']),
    );
  });

  const byTier = {
    key: 'tiers',
    source: { type: 'records', form: 'customer' },
    dimensions: [{ key: 'tier', field: 'tier', label: { 'zh-CN': '层级', en: 'Tier' } }],
    measures: [{ key: 'customers', aggregate: 'count' }],
  };

  it.each(['account_manager', 'credit_officer', 'supervisor'])(
    'previews an unsaved dataset and chart over what %s sees, masks kept',
    async (username) => {
      const seen = (await customersAsSeenBy(username))!;
      const grouped = await request(server)
        .post('/api/reports/preview')
        .set('Authorization', bearer[username]!)
        .send({ dataset: byTier, chart: { type: 'bar', category: 'tier', measures: ['customers'] } })
        .expect(200);
      expect(grouped.body.columns).toEqual([
        { key: 'tier', label: { 'zh-CN': '层级', en: 'Tier' }, kind: 'dimension' },
        { key: 'customers', label: { 'zh-CN': 'customers', en: 'customers' }, kind: 'measure' },
      ]);
      const total = grouped.body.rows.reduce((sum: number, row: { customers: number }) => sum + row.customers, 0);
      expect(total).toBe(seen.size);
      expect(grouped.body.option.series[0].type).toBe('bar');

      const listing = await request(server)
        .post('/api/reports/preview')
        .set('Authorization', bearer[username]!)
        .send({
          dataset: {
            source: { type: 'records', form: 'customer' },
            columns: [
              { key: 'name', field: 'name' },
              { key: 'mobile', field: 'mobile' },
            ],
          },
        })
        .expect(200);
      expect(listing.body.option).toBeUndefined();
      expect(listing.body.rows).toHaveLength(seen.size);
      const names = new Set([...seen.values()].map((data) => data.name));
      const mobiles = new Set([...seen.values()].map((data) => data.mobile ?? null));
      for (const row of listing.body.rows as { name: unknown; mobile: unknown }[]) {
        expect(names).toContain(row.name);
        expect(mobiles).toContain(row.mobile);
      }
    },
  );

  it('refuses an invalid preview with 422 naming each problem under dataset and chart', async () => {
    const response = await request(server)
      .post('/api/reports/preview')
      .set('Authorization', bearer.admin!)
      .send({
        dataset: { ...byTier, dimensions: [{ key: 'tier', field: 'nothing' }] },
        chart: { type: 'bar', category: 'tier', measures: ['missing'] },
      })
      .expect(422);
    expect(response.body.code).toBe('report.previewInvalid');
    const paths = response.body.details.map((detail: { path: string }) => detail.path);
    expect(paths.some((path: string) => path.startsWith('dataset.dimensions[0]'))).toBe(true);
    expect(paths).toContain('chart.measures[0]');

    const noDataset = await request(server).post('/api/reports/preview').set('Authorization', bearer.admin!).send({}).expect(422);
    expect(noDataset.body.details).toEqual([expect.objectContaining({ path: 'dataset' })]);
    await request(server)
      .post('/api/reports/preview')
      .set('Authorization', bearer.account_manager!)
      .send({ dataset: { key: 'open', source: { type: 'tasks' }, measures: [{ key: 'n', aggregate: 'count' }] } })
      .expect(403);
  });

  it.each(demoUsers.map((user) => user.username))(
    'runs the dashboard for %s over the records the record API shows them',
    async (username) => {
      const seen = (await customersAsSeenBy(username))!;
      const response = await request(server)
        .post('/api/reports/customer_insights/dashboards/customer_overview/run')
        .set('Authorization', bearer[username]!)
        .set('Accept-Language', 'en')
        .send({})
        .expect(200);
      expect(response.body).toMatchObject({ key: 'customer_overview', filters: [] });
      const panels = new Map(
        (response.body.panels as { key: string }[]).map((panel) => [panel.key, panel as Record<string, unknown>]),
      );
      expect([...panels.keys()]).toEqual(['tier_pie', 'tier_aum', 'aum_bands', 'followup_trend', 'warning_list']);
      const tierAum = panels.get('tier_aum')!;
      expect(tierAum).toMatchObject({ chart: 'tier_aum', type: 'bar', layout: { x: 8, y: 0, w: 8, h: 8 } });
      expect((tierAum.option as { series: unknown[] }).series.length).toBeGreaterThan(0);
      const counted = (tierAum.rows as { customers: number }[]).reduce((sum, row) => sum + row.customers, 0);
      expect(counted).toBe(seen.size);
      const warnings = panels.get('warning_list')!;
      expect(warnings.option).toBeNull();
      expect((warnings.table as { rows: unknown[] }).rows).toHaveLength((warnings.rows as unknown[]).length);
      const visibleNames = new Set([...seen.values()].map((data) => data.name));
      for (const row of warnings.rows as { name: unknown }[]) expect(visibleNames).toContain(row.name);
    },
  );

  it('answers 404 for an unknown dashboard and 400 for an unknown filter', async () => {
    await request(server)
      .post('/api/reports/customer_insights/dashboards/nothing/run')
      .set('Authorization', bearer.admin!)
      .send({})
      .expect(404);
    const unknown = await request(server)
      .post('/api/reports/customer_insights/dashboards/customer_overview/run')
      .set('Authorization', bearer.admin!)
      .send({ filters: { region: 'east' } })
      .expect(400);
    expect(unknown.body.details).toEqual([expect.objectContaining({ path: 'filters.region' })]);
  });

  it.each(['account_manager', 'branch_manager'])(
    'drills %s from a chart point to the record list filter that lists exactly the counted records',
    async (username) => {
      const run = await request(server)
        .post('/api/reports/customer_insights/dashboards/customer_overview/run')
        .set('Authorization', bearer[username]!)
        .send({})
        .expect(200);
      for (const [panel, dimension] of [
        ['tier_aum', 'tier'],
        ['aum_bands', 'band'],
      ] as const) {
        const rows = run.body.panels.find((candidate: { key: string }) => candidate.key === panel).rows as Record<
          string,
          unknown
        >[];
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          const drill = await request(server)
            .post('/api/reports/customer_insights/dashboards/customer_overview/drill')
            .set('Authorization', bearer[username]!)
            .send({ panel, point: { [dimension]: row[dimension] } })
            .expect(200);
          expect(drill.body.formKey).toBe('customer');
          const listed = await request(server)
            .get(`/api/forms/customer/records?pageSize=1&filter=${encodeURIComponent(JSON.stringify(drill.body.filter))}`)
            .set('Authorization', bearer[username]!)
            .expect(200);
          expect(listed.body.total).toBe(row.customers);
        }
      }
    },
  );

  it('drills from a month of a stacked bar to the follow-ups of that manager and month', async () => {
    const run = await request(server)
      .post('/api/reports/customer_insights/dashboards/customer_overview/run')
      .set('Authorization', bearer.branch_manager!)
      .send({})
      .expect(200);
    const rows = run.body.panels.find((panel: { key: string }) => panel.key === 'followup_trend').rows as {
      manager: string;
      month: string;
      followups: number;
    }[];
    expect(rows.length).toBeGreaterThan(2);
    for (const row of rows.slice(0, 6)) {
      const drill = await request(server)
        .post('/api/reports/customer_insights/dashboards/customer_overview/drill')
        .set('Authorization', bearer.branch_manager!)
        .send({ panel: 'followup_trend', point: { month: row.month, manager: row.manager } })
        .expect(200);
      expect(drill.body.formKey).toBe('customer_followup');
      const listed = await request(server)
        .get(`/api/forms/customer_followup/records?pageSize=1&filter=${encodeURIComponent(JSON.stringify(drill.body.filter))}`)
        .set('Authorization', bearer.branch_manager!)
        .expect(200);
      expect(listed.body.total).toBe(row.followups);
    }
  });

  it('refuses to drill into an unknown panel or dimension', async () => {
    await request(server)
      .post('/api/reports/customer_insights/dashboards/customer_overview/drill')
      .set('Authorization', bearer.admin!)
      .send({ panel: 'nothing', point: {} })
      .expect(404);
    const response = await request(server)
      .post('/api/reports/customer_insights/dashboards/customer_overview/drill')
      .set('Authorization', bearer.admin!)
      .send({ panel: 'tier_aum', point: { colour: 'red' } })
      .expect(422);
    expect(response.body.details).toEqual([expect.objectContaining({ path: 'point.colour' })]);
  });

  it('saves a report as its next version for designers only, audited, and refuses invalid ones with every path', async () => {
    const { body: current } = await request(server)
      .get('/api/reports/customer_insights')
      .set('Authorization', bearer.admin!)
      .expect(200);
    const edited = {
      ...current.definition,
      title: { 'zh-CN': '客户经营分析（新）', en: 'Customer insights (new)' },
    };
    await request(server).post('/api/reports').set('Authorization', bearer.supervisor!).send(edited).expect(403);

    const broken = {
      ...edited,
      charts: [...edited.charts, { key: 'broken', type: 'bar', title: { 'zh-CN': '坏', en: 'Broken' }, dataset: 'nothing', measures: [] }],
      datasets: [...edited.datasets, { key: 'by_tier', source: { type: 'records', form: 'customer' } }],
    };
    const refused = await request(server).post('/api/reports').set('Authorization', bearer.admin!).send(broken).expect(422);
    expect(refused.body.code).toBe('report.invalid');
    const paths = refused.body.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining([`datasets[${edited.datasets.length}].key`, `charts[${edited.charts.length}].dataset`]));

    const saved = await request(server).post('/api/reports').set('Authorization', bearer.admin!).send(edited).expect(201);
    expect(saved.body).toMatchObject({ key: 'customer_insights', version: 2, appKey: 'customer-profile' });
    const reloaded = await request(server).get('/api/reports/customer_insights').set('Authorization', bearer.admin!).expect(200);
    expect(reloaded.body).toMatchObject({ version: 2, definition: { title: { en: 'Customer insights (new)' } } });
    const versions = await request(server)
      .get('/api/reports/customer_insights/versions')
      .set('Authorization', bearer.admin!)
      .expect(200);
    expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([1, 2]);
    const audit = await request(server).get('/api/audit?entityType=report').set('Authorization', bearer.admin!).expect(200);
    expect(audit.body.items).toContainEqual(
      expect.objectContaining({ action: 'report.save', entityId: 'customer_insights@2' }),
    );
  });

  it('saves a new report into the app of the form it reads', async () => {
    const saved = await request(server)
      .post('/api/reports')
      .set('Authorization', bearer.admin!)
      .send({ key: 'tier_count', title: { 'zh-CN': '分层', en: 'Tiers' }, datasets: [byTier] })
      .expect(201);
    expect(saved.body).toEqual({ key: 'tier_count', version: 1, appKey: 'customer-profile' });
    const run = await request(server)
      .post('/api/reports/tier_count/datasets/tiers/run')
      .set('Authorization', bearer.account_manager!)
      .send({})
      .expect(200);
    const seen = (await customersAsSeenBy('account_manager'))!;
    expect(run.body.rows.reduce((sum: number, row: { customers: number }) => sum + row.customers, 0)).toBe(seen.size);
  });
});
