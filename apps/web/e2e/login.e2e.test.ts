import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../../scripts/e2e/browser';
import { startServerProcess, type ServerProcess } from '../../../scripts/e2e/server-process';

describe('the web app served by the built server on the embedded database', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('answers the health check with the embedded database kind', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', database: 'pglite', migrations: { pending: 0 } });
  });

  it('opens the zh-CN login page, which shows the server health, and switches to English', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page.waitForURL(/\/login$/);
    await page.getByTestId('health-database').and(page.locator('[data-kind="pglite"]')).waitFor();
    expect(await page.getByRole('heading').first().textContent()).toBe('Tessera 低代码平台');
    expect(await page.getByTestId('health-status').textContent()).toBe('运行正常');
    await page.screenshot({ path: screenshotPath('login-zh-CN') });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Tessera low-code platform' }).waitFor();
    expect(await page.getByTestId('health-status').textContent()).toBe('Running');
    await page.screenshot({ path: screenshotPath('login-en') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('serves the web app for deep links but keeps unknown API paths as JSON 404s', async () => {
    const deepLink = await fetch(`${server.url}/studio/apps`);
    expect(deepLink.status).toBe(200);
    expect(await deepLink.text()).toContain('<div id="root">');
    const missing = await fetch(`${server.url}/api/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
  });
});
