import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../../scripts/e2e/browser';
import { startServerProcess, type ServerProcess } from '../../../scripts/e2e/server-process';
import { openPage, signIn } from '../../../scripts/e2e/session';

describe('a designer models a process with the BPMN modeler', () => {
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

  it('appends a user task, sets its Tessera attributes in the panel, sees the check result and deploys', async () => {
    await page.goto(`${server.url}/studio/processes/new?app=demo-app`);
    const start = page.locator('.djs-element[data-element-id="StartEvent_1"]');
    await start.waitFor();
    expect(await page.getByTestId('bpmn-problems').getAttribute('data-count')).not.toBeNull();

    await start.click();
    await page.locator('.djs-context-pad [data-action="append.append-task"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').or(page.locator('.djs-context-pad [data-action="replace"]')).first().waitFor();
    await page.locator('.djs-context-pad [data-action="replace"]').click();
    await page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    await page.getByTestId('bpmn-properties').getByText('用户任务').waitFor();

    await page.getByTestId('bpmn-name').fill('信贷审查');
    await page.getByTestId('bpmn-name').blur();
    const roles = page.getByTestId('bpmn-attr-tessera-candidateRoles');
    await roles.click();
    await page.locator('.ant-select-item-option[title="信贷员 (credit_officer)"]').click();
    await page.getByTestId('bpmn-properties').getByText('候选角色').click();
    await page.getByTestId('bpmn-attr-tessera-sla').fill('P2WD');
    await page.getByTestId('bpmn-attr-tessera-sla').blur();

    const clickTask = async () => {
      const canvas = (await page.getByTestId('bpmn-canvas').boundingBox())!;
      await page.mouse.click(canvas.x + 300, canvas.y + canvas.height - 60);
      await page.locator('.djs-element.djs-shape[data-element-id^="Activity_"]').first().click();
      await page.locator('.djs-element.selected[data-element-id^="Activity_"]').waitFor();
    };
    await clickTask();
    await page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    await page.locator('[data-testid="bpmn-problems"][data-count="0"]').waitFor();
    await clickTask();
    await page.screenshot({ path: screenshotPath('process-modeler') });

    await page.getByTestId('modeler-deploy').click();
    await page.getByTestId('modeler-app-key').waitFor();
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText(/已部署 .* 第 1 版/).waitFor();
    await page.waitForURL(/\/studio\/processes\/Process_1$/);

    const token = await (await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Tessera@2026' }) })).json() as { accessToken: string };
    const deployed = (await (await fetch(`${server.url}/api/processes/Process_1`, { headers: { Authorization: `Bearer ${token.accessToken}` } })).json()) as { xml: string };
    expect(deployed.xml).toContain('tessera:candidateRoles="credit_officer"');
    expect(deployed.xml).toContain('tessera:sla="P2WD"');
    expect(deployed.xml).toContain('name="信贷审查"');
    expect(errors).toEqual([]);
  });
});
