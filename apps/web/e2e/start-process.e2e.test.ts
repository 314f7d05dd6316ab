import type { Page } from 'playwright-core';
import { screenshotPath } from '../../../scripts/e2e/browser';
import { apiToken } from '../../../scripts/e2e/session';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

async function choose(page: Page, field: string, option: string): Promise<void> {
  await page.locator(`[data-field="${field}"] .ant-select`).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option, { exact: true }).click();
}

describe('a complaint handler starts a process from the workbench', () => {
  const session = useSignedInSession('complaint_handler', { env: { TESSERA_INSTALL_TEMPLATES: 'true' } });

  it('lists only the processes the handler may start', async () => {
    await session.page.getByTestId('start-process-link').click();
    await session.page.getByTestId('startable-processes').waitFor();
    expect(await session.page.getByTestId('start-complaint_handling').count()).toBe(1);
    expect(await session.page.getByTestId('start-loan_approval').count()).toBe(0);
  });

  it('fills the start form, submits it and lands on the first task', async () => {
    const page = session.page;
    await page.getByTestId('start-complaint_handling').click();
    await page.getByTestId('form-renderer').waitFor();
    expect(await page.getByTestId('start-title').textContent()).toBe('投诉处理');

    await page.getByTestId('start-submit').click();
    await page.locator('[data-field="customerName"] .renderer-error').waitFor();

    await page.getByTestId('start-business-key').fill('CMP-E2E-0100');
    await page.locator('[data-field="customerName"] input').fill('周晓梅');
    await page.locator('[data-field="mobile"] input').fill('13912345678');
    await choose(page, 'channel', '客服热线');
    await choose(page, 'category', '收费争议');
    await page.locator('[data-field="severity"]').getByText('中', { exact: true }).click();
    await page.locator('[data-field="description"] textarea').fill('账户管理费扣收有异议，要求说明并退还');
    await choose(page, 'branch', '上海陆家嘴支行');
    await page.locator('[data-field="receivedAt"] input').click();
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden) .ant-picker-now-btn').click();
    expect(await page.locator('[data-field="receivedAt"] input').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    // Let the picker's panel close before the screenshot.
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('start-process') });

    await page.getByTestId('start-submit').click();
    await page.waitForURL(/\/tasks\/[0-9a-f-]+$/);
    await page.getByTestId('task-title').waitFor();
    expect(await page.getByTestId('task-title').textContent()).toBe('处理投诉');
    expect(await page.getByTestId('task-process').textContent()).toContain('CMP-E2E-0100');

    const token = await apiToken(session.server.url, 'complaint_handler');
    const get = async (route: string) => (await fetch(`${session.server.url}/api${route}`, { headers: { Authorization: `Bearer ${token}` } })).json() as Promise<any>;
    const task = await get(`/tasks/${page.url().split('/').pop()}`);
    const instance = await get(`/instances/${task.instanceId}`);
    expect(instance).toMatchObject({ businessKey: 'CMP-E2E-0100', startedBy: 'complaint_handler', variables: { customerName: '周晓梅', channel: 'hotline', category: 'fees', severity: 'medium', branch: 'sh_lujiazui' } });
    expect(session.errors).toEqual([]);
  });

  it('shows the started instance with its current task and history', async () => {
    const page = session.page;
    const token = await apiToken(session.server.url, 'complaint_handler');
    const task = (await (await fetch(`${session.server.url}/api/tasks/${page.url().split('/').pop()}`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { instanceId: string };
    await page.goto(`${session.server.url}/instances/${task.instanceId}`);
    await page.getByTestId('instance-title').waitFor();
    expect(await page.getByTestId('instance-title').textContent()).toBe('投诉处理');
    await page.getByTestId('instance-history').locator('[data-kind="instance.started"]').waitFor();
    expect(await page.getByTestId('instance-history').locator('[data-kind="task.created"]').textContent()).toContain('处理投诉');
    await page.getByTestId('process-diagram').and(page.locator('[data-state="ready"]')).waitFor();
    await page.screenshot({ path: screenshotPath('instance') });
    expect(session.errors).toEqual([]);
  });
});
