import path from 'node:path';
import request from 'supertest';
import { createTestDatabase } from '../test-support/test-database';
import { bearerFor } from '../test-support/sign-in';
import { startTestApp } from '../test-support/test-app';

const bundledTemplates = path.resolve(__dirname, '../../../../templates');

async function recordTotals(server: Parameters<typeof request>[0], bearer: string): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const form of ['customer', 'loan_application', 'complaint']) {
    const response = await request(server).get(`/api/forms/${form}/records?pageSize=1`).set('Authorization', bearer).expect(200);
    totals[form] = response.body.total;
  }
  return totals;
}

describe('installing the bundled templates at start', () => {
  it('brings up the three bank apps with seed data, and a restart installs nothing twice', async () => {
    const database = await createTestDatabase({ persistent: true });
    const config = { installTemplatesFrom: bundledTemplates, workerEnabled: false };

    const first = await startTestApp({ database, config });
    const admin = await bearerFor(first.app.getHttpServer(), 'admin');
    const apps = await request(first.app.getHttpServer()).get('/api/apps').set('Authorization', admin).expect(200);
    expect(apps.body.items.map((app: { key: string }) => app.key).sort()).toEqual([
      'complaint-ticket',
      'customer-profile',
      'loan-approval',
    ]);
    const before = await recordTotals(first.app.getHttpServer(), admin);
    for (const total of Object.values(before)) expect(total).toBeGreaterThan(0);
    await first.close({ keepDatabase: true });

    const second = await startTestApp({ database, config });
    const after = await recordTotals(second.app.getHttpServer(), await bearerFor(second.app.getHttpServer(), 'admin'));
    await second.close();
    expect(after).toEqual(before);
  }, 300_000);

  it('refuses to start when the named template folder does not exist', async () => {
    await expect(startTestApp({ config: { installTemplatesFrom: '/nonexistent/templates' } })).rejects.toThrow(
      /TESSERA_INSTALL_TEMPLATES names \/nonexistent\/templates/,
    );
  }, 120_000);
});
