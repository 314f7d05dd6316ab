import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../../scripts/e2e/browser';
import { startServerProcess, type ServerProcess } from '../../../scripts/e2e/server-process';
import { apiCall, apiToken, openPage, signIn } from '../../../scripts/e2e/session';

const call = (server: ServerProcess, token: string, method: string, route: string, body?: unknown) => apiCall(server.url, token, method, route, body);

describe('a credit officer completes a loan review task', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let instanceId: string;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
    const admin = await apiToken(server.url, 'admin');
    const form = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/loan-review.form.json'), 'utf8'));
    await call(server, admin, 'POST', '/forms', { appKey: 'loan-approval', definition: form });
    await call(server, admin, 'POST', '/processes?appKey=loan-approval', { xml: fs.readFileSync(path.join(__dirname, 'fixtures/loan-review.bpmn'), 'utf8') });
    const manager = await apiToken(server.url, 'account_manager');
    const started = await call(server, manager, 'POST', '/processes/loan-review/instances', {
      businessKey: 'LN-2026-0001',
      variables: { applicantName: '张伟', mobile: '13812345678', loanAmount: '350000', loanTermMonths: 36, internalScore: 71 },
    });
    instanceId = started.id;
    ({ page, errors } = await openPage(browser));
    await signIn(page, server.url, 'credit_officer');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('finds the task among its role’s tasks with its deadline', async () => {
    await page.getByRole('tab', { name: '我的角色' }).click();
    const link = page.getByTestId('inbox-candidate').getByRole('link', { name: '信贷审查' });
    await link.waitFor();
    expect(await page.getByTestId('inbox-candidate').locator('[data-sla]').count()).toBe(1);
    // Let the tab's slide-in finish so the screenshot shows the settled page.
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshotPath('inbox') });
    await link.click();
    await page.getByTestId('task-title').waitFor();
  });

  it('shows the applicant’s data read-only and masked, hides what the step may not see, and asks for the opinion', async () => {
    await page.getByTestId('form-renderer').waitFor();
    expect(await page.getByTestId('value-mobile').textContent()).toBe('138****5678');
    expect(await page.getByTestId('value-loanAmount').textContent()).toBe('¥350,000.00');
    expect(await page.getByTestId('capitals-loanAmount').textContent()).toContain('叁拾伍万元整');
    expect(await page.locator('[data-field="internalScore"]').count()).toBe(0);
    expect(await page.locator('[data-field="creditOpinion"]').getAttribute('data-readonly')).toBe('false');
    await page.getByTestId('process-diagram').and(page.locator('[data-state="ready"]')).waitFor();
    expect(await page.locator('.djs-element.tessera-active[data-element-id="CreditReview"]').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('task-loan-review') });
  });

  it('refuses to submit without the conclusion, then submits the approval and the instance ends', async () => {
    await page.getByTestId('task-complete').click();
    await page.locator('[data-field="creditOpinion"] .renderer-error').waitFor();
    await page.locator('[data-field="creditOpinion"]').getByText('同意', { exact: true }).click();
    await page.locator('[data-field="approvedAmount"] input').fill('300000');
    await page.getByTestId('task-complete').click();
    // Submitting asks for confirmation first.
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await page.waitForURL(/\/workbench$/);

    const supervisor = await apiToken(server.url, 'admin');
    const instance = await call(server, supervisor, 'GET', `/instances/${instanceId}`);
    expect(instance.status).toBe('completed');
    expect(instance.variables).toMatchObject({ creditOpinion: 'approve', approvedAmount: '300000' });
    expect(errors).toEqual([]);
  });
});
