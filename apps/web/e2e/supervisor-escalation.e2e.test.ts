import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../../scripts/e2e/browser';
import { startServerProcess, type ServerProcess } from '../../../scripts/e2e/server-process';
import { apiCall, apiToken, openPage, signIn } from '../../../scripts/e2e/session';

const call = (server: ServerProcess, token: string, method: string, route: string, body?: unknown) => apiCall(server.url, token, method, route, body);

describe('a supervisor sees a complaint escalated past its first-response SLA', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServerProcess({ env: { TESSERA_CLOCK: 'controllable', TESSERA_INSTALL_TEMPLATES: 'true' } });
    browser = await launchBrowser();
    const handler = await apiToken(server.url, 'complaint_handler');
    await call(server, handler, 'POST', '/processes/complaint_handling/instances', {
      businessKey: 'CMP-E2E-0001',
      variables: {
        customerName: '孙欣怡',
        mobile: '18632586437',
        channel: 'hotline',
        category: 'card',
        severity: 'high',
        description: '信用卡被盗刷，要求立即冻结',
        branch: 'sh_xujiahui',
        receivedAt: new Date().toISOString(),
      },
    });
    // The high-severity first-response SLA is two hours: past it the complaint goes to the
    // supervisors' step, whose own four-hour SLA then escalates it (the server flags a task when
    // its SLA runs out; the step the first-response breach creates is not flagged by itself).
    const admin = await apiToken(server.url, 'admin');
    await call(server, admin, 'POST', '/clock/advance', { by: 'PT2H5M' });
    await call(server, admin, 'POST', '/clock/advance', { by: 'PT4H5M' });
    ({ page, errors } = await openPage(browser));
    await signIn(page, server.url, 'supervisor');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('lists the complaint under 已升级 with its escalation marker and time', async () => {
    await page.getByRole('tab', { name: '已升级' }).click();
    const table = page.getByTestId('inbox-escalated');
    const row = table.locator('tr', { hasText: 'CMP-E2E-0001' });
    await row.waitFor();
    expect(await row.getByTestId('escalated-tag').textContent()).toBe('已升级');
    expect(await row.locator('td').nth(1).textContent()).toBe('投诉处理');
    // Past its SLA on the server's clock, so the deadline is red.
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath('inbox-escalated') });
  });

  it('opens the escalated task with its labels, not its keys', async () => {
    await page.getByTestId('inbox-escalated').locator('tr', { hasText: 'CMP-E2E-0001' }).locator('.inbox-task-link').click();
    await page.getByTestId('task-title').waitFor();
    await page.getByTestId('task-escalated').waitFor();
    expect(await page.getByTestId('task-process').textContent()).toContain('CMP-E2E-0001');
    const candidates = await page.getByTestId('task-candidates').textContent();
    expect(candidates).not.toMatch(/[a-z]_[a-z]/);
    await page.getByTestId('form-renderer').waitFor();
    await page.getByTestId('process-diagram').and(page.locator('[data-state="ready"]')).waitFor();
    await page.screenshot({ path: screenshotPath('task-escalated') });
    expect(errors).toEqual([]);
  });
});
