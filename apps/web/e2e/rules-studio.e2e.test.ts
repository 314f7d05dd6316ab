import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../../scripts/e2e/browser';
import { startServerProcess, type ServerProcess } from '../../../scripts/e2e/server-process';
import { openPage, signIn } from '../../../scripts/e2e/session';

describe('a business analyst edits rules and decision tables in the studio', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
    ({ page, errors } = await openPage(browser));
    await signIn(page, server.url, 'admin');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it('tries the loan-rate decision table and sees which row decided, then edits a cell and sees the new answer', async () => {
    await page.goto(`${server.url}/studio/decision-tables`);
    await page.getByTestId('decision-table-editor').waitFor();
    expect(await page.getByTestId('table-problems').getAttribute('data-count')).toBe('0');
    await page.getByTestId('try-customer.tier').fill('gold');
    await page.getByTestId('try-loanAmount').fill('2000000');
    await page.getByTestId('try-run').click();
    expect(await page.getByTestId('try-outcome').textContent()).toContain('年利率（%） 3.75，审批层级 head-office');
    expect(await page.getByTestId('try-outcome').textContent()).toContain('命中的规则行：3');
    expect(await page.getByTestId('dt-row-2').getAttribute('class')).toContain('dt-matched');
    await page.screenshot({ path: screenshotPath('decision-table') });

    const rateCell = page.getByTestId('dt-row-2').locator('td').nth(3).locator('input');
    await rateCell.fill('3.65');
    await rateCell.blur();
    await page.getByTestId('try-run').click();
    expect(await page.getByTestId('try-outcome').textContent()).toContain('年利率（%） 3.65');
  });

  it('builds a rule visually and evaluates it with the rules engine', async () => {
    await page.goto(`${server.url}/studio/rules`);
    await page.getByTestId('rule-editor').waitFor();
    expect(await page.getByTestId('rule-condition').count()).toBe(1);
    await page.getByTestId('rule-run').click();
    expect(await page.getByTestId('rule-outcome').textContent()).toBe('结果：true');
    await page.getByTestId('rule-condition').locator('input.ant-input-number-input').fill('900000');
    await page.getByTestId('rule-run').click();
    expect(await page.getByTestId('rule-outcome').textContent()).toBe('结果：false');
    await page.getByRole('tab', { name: 'JSON' }).click();
    expect(await page.locator('textarea.rule-json').first().inputValue()).toContain('900000');
    await page.getByRole('tab', { name: '可视化' }).click();
    await page.getByTestId('rule-condition').waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: screenshotPath('rule-editor') });
    expect(errors).toEqual([]);
  });
});
