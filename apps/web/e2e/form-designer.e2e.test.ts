import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../../scripts/e2e/browser';
import { startServerProcess, type ServerProcess } from '../../../scripts/e2e/server-process';
import { apiToken, openPage, signIn } from '../../../scripts/e2e/session';

describe('a business user designs a form in the studio', () => {
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

  it('drags fields from the palette onto the canvas, reorders them and edits their properties', async () => {
    await page.getByTestId('main-nav').getByText('设计器').click();
    await page.getByTestId('tool-form-designer').click();
    await page.getByTestId('form-designer').waitFor();

    await page.getByTestId('palette-text').dragTo(page.getByTestId('drop-section-section1'));
    await page.getByTestId('designer-field-text1').waitFor();
    await page.getByTestId('palette-money').dragTo(page.getByTestId('drop-section-section1'));
    await page.getByTestId('palette-residentId').dragTo(page.getByTestId('drop-section-section1'));
    await page.getByTestId('palette-subform').dragTo(page.getByTestId('drop-section-section1'));
    await page.getByTestId('palette-date').dragTo(page.getByTestId('drop-subform-subform1'));
    await page.getByTestId('designer-field-date1').waitFor();

    const order = () => page.locator('[data-testid="designer-section-section1"] > .designer-grid > .designer-field').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-field-key')));
    expect(await order()).toEqual(['text1', 'money1', 'residentId1', 'subform1']);
    // Drop the amount on the top half of the text field: it moves before it.
    const target = await page.getByTestId('designer-field-text1').boundingBox();
    await page.getByTestId('designer-field-money1').locator('.designer-drag-handle').dragTo(page.getByTestId('designer-field-text1'), { targetPosition: { x: target!.width / 4, y: 4 } });
    expect(await order()).toEqual(['money1', 'text1', 'residentId1', 'subform1']);

    await page.getByTestId('designer-field-text1').click();
    await page.getByTestId('prop-label-zh').fill('客户姓名');
    await page.getByTestId('prop-label-en').fill('Customer name');
    await page.getByTestId('prop-key').fill('customerName');
    await page.getByTestId('prop-key').press('Enter');
    await page.getByTestId('designer-field-customerName').waitFor();
    expect(await page.getByTestId('designer-field-customerName').locator('.designer-field-label').textContent()).toBe('客户姓名');

    await page.getByRole('tab', { name: '规则' }).click();
    await page.getByTestId('prop-required').getByText('是').click();
    expect(await page.getByTestId('designer-field-customerName').locator('.designer-required').count()).toBe(1);
    await page.screenshot({ path: screenshotPath('form-designer') });

    await page.getByTestId('designer-undo').click();
    expect(await page.getByTestId('designer-field-customerName').locator('.designer-required').count()).toBe(0);
    await page.getByTestId('designer-redo').click();
    expect(await page.getByTestId('designer-field-customerName').locator('.designer-required').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('publishes the form as a new version of an app', async () => {
    await page.getByTestId('designer-canvas').click({ position: { x: 10, y: 10 } });
    await page.getByTestId('prop-form-key').fill('customer-intake');
    await page.getByTestId('prop-form-title-zh').fill('客户登记');
    await page.getByTestId('designer-save').click();
    await page.getByTestId('designer-app-key').fill('retail');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('已保存为第 1 版').waitFor();
    await page.waitForURL(/\/studio\/forms\/customer-intake$/);

    const token = await apiToken(server.url, 'admin');
    const stored = (await (await fetch(`${server.url}/api/forms/customer-intake`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { appKey: string; version: number; definition: { title: unknown; fields: Array<{ key: string; required?: unknown }> } };
    expect(stored).toMatchObject({ appKey: 'retail', version: 1, definition: { title: { 'zh-CN': '客户登记' } } });
    expect(stored.definition.fields.map((field) => field.key)).toEqual(['money1', 'customerName', 'residentId1', 'subform1']);
    expect(stored.definition.fields[1]).toMatchObject({ key: 'customerName', required: true });
    expect(errors).toEqual([]);
  });
});
