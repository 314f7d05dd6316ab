import { screenshotPath } from '../../../scripts/e2e/browser';
import { apiToken } from '../../../scripts/e2e/session';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

describe('a designer models a process with the BPMN modeler', () => {
  const session = useSignedInSession('admin');

  it('appends a user task, sets its Tessera attributes in the panel, sees the check result and deploys', async () => {
    await session.page.goto(`${session.server.url}/studio/processes/new?app=demo-app`);
    const start = session.page.locator('.djs-element[data-element-id="StartEvent_1"]');
    await start.waitFor();
    expect(await session.page.getByTestId('bpmn-problems').getAttribute('data-count')).not.toBeNull();

    await start.click();
    await session.page.locator('.djs-context-pad [data-action="append.append-task"]').click();
    await session.page.locator('.djs-popup [data-id="replace-with-user-task"]').or(session.page.locator('.djs-context-pad [data-action="replace"]')).first().waitFor();
    await session.page.locator('.djs-context-pad [data-action="replace"]').click();
    await session.page.locator('.djs-popup [data-id="replace-with-user-task"]').click();
    await session.page.getByTestId('bpmn-properties').getByText('用户任务').waitFor();

    await session.page.getByTestId('bpmn-name').fill('信贷审查');
    await session.page.getByTestId('bpmn-name').blur();
    const roles = session.page.getByTestId('bpmn-attr-tessera-candidateRoles');
    await roles.click();
    await session.page.locator('.ant-select-item-option[title="信贷员 (credit_officer)"]').click();
    await session.page.getByTestId('bpmn-properties').getByText('候选角色').click();
    await session.page.getByTestId('bpmn-attr-tessera-sla').fill('P2WD');
    await session.page.getByTestId('bpmn-attr-tessera-sla').blur();

    const clickTask = async () => {
      const canvas = (await session.page.getByTestId('bpmn-canvas').boundingBox())!;
      await session.page.mouse.click(canvas.x + 300, canvas.y + canvas.height - 60);
      await session.page.locator('.djs-element.djs-shape[data-element-id^="Activity_"]').first().click();
      await session.page.locator('.djs-element.selected[data-element-id^="Activity_"]').waitFor();
    };
    await clickTask();
    await session.page.locator('.djs-context-pad [data-action="append.end-event"]').click();
    await session.page.locator('[data-testid="bpmn-problems"][data-count="0"]').waitFor();
    await clickTask();
    await session.page.screenshot({ path: screenshotPath('process-modeler') });

    await session.page.getByTestId('modeler-deploy').click();
    await session.page.getByTestId('modeler-app-key').waitFor();
    await session.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await session.page.getByText(/已部署 .* 第 1 版/).waitFor();
    await session.page.waitForURL(/\/studio\/processes\/Process_1$/);

    const token = await apiToken(session.server.url, 'admin');
    const deployed = (await (await fetch(`${session.server.url}/api/processes/Process_1`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { xml: string };
    expect(deployed.xml).toContain('tessera:candidateRoles="credit_officer"');
    expect(deployed.xml).toContain('tessera:sla="P2WD"');
    expect(deployed.xml).toContain('name="信贷审查"');
    expect(session.errors).toEqual([]);
  });
});
