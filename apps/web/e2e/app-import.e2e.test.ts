import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { screenshotPath } from '../../../scripts/e2e/browser';
import { repositoryRoot } from '../../../scripts/e2e/server-process';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';
import { ServerApi } from '../../../scripts/scenarios/server-api';

/** The complaint template as a zip, its handling step pointing at a form that does not exist. */
function brokenTemplateZip(): Buffer {
  const root = path.join(repositoryRoot, 'templates/complaint-ticket');
  const entries: Record<string, Uint8Array> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const relative = path.relative(root, full).split(path.sep).join('/');
        let text = fs.readFileSync(full, 'utf8');
        if (relative === 'processes/complaint-handling.bpmn') text = text.replace('tessera:formKey="complaint_handling"', 'tessera:formKey="complaint_handlin"');
        entries[`complaint-ticket/${relative}`] = strToU8(text);
      }
    }
  };
  walk(root);
  return Buffer.from(zipSync(entries));
}

describe('an administrator imports a template zip in the studio', () => {
  const session = useSignedInSession('admin', { env: { TESSERA_INSTALL_TEMPLATES: 'true' } });

  it('lists the installed apps with their versions', async () => {
    await session.page.getByTestId('main-nav').getByText('设计器').click();
    const row = session.page.locator('tr', { hasText: 'complaint-ticket' });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await session.page.getByTestId('app-versions-complaint-ticket').locator('tr', { hasText: 'v1.0.0' }).waitFor();
  });

  it('changes an app setting, shows a wrong value\'s problem at its field, and saves a right one', async () => {
    const page = session.page;
    const storedUrl = async () => {
      const admin = await new ServerApi(session.server.url).as('admin');
      const settings = await admin.call<{ items: { key: string; value: unknown; effective: unknown }[] }>('GET', '/apps/loan-approval/settings');
      return settings.items.find((item) => item.key === 'coreBankingUrl');
    };
    await page.getByTestId('app-settings-loan-approval').click();
    const form = page.getByTestId('app-settings-form');
    await form.waitFor();
    expect(await form.textContent()).toContain('核心系统放款接口');
    expect(await page.getByTestId('setting-default-coreBankingUrl').textContent()).toContain('/api/demo/core-banking/disbursements');

    const url = page.getByTestId('setting-coreBankingUrl');
    await url.fill('core.bank.example/disbursements');
    await page.getByTestId('app-settings-save').click();
    const problem = page.getByTestId('setting-error-coreBankingUrl');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('http');
    expect((await storedUrl())?.value).toBeNull();

    await url.fill('https://core.bank.example/disbursements');
    await page.screenshot({ path: screenshotPath('app-settings') });
    await page.getByTestId('app-settings-save').click();
    await form.waitFor({ state: 'detached' });
    expect(await storedUrl()).toMatchObject({ value: 'https://core.bank.example/disbursements', effective: 'https://core.bank.example/disbursements' });

    // Opened again, the form shows the saved value; reset to default puts the manifest's back.
    await page.getByTestId('app-settings-loan-approval').click();
    await form.waitFor();
    expect(await url.inputValue()).toBe('https://core.bank.example/disbursements');
    await page.getByTestId('setting-reset-coreBankingUrl').click();
    await page.getByTestId('app-settings-save').click();
    await form.waitFor({ state: 'detached' });
    expect((await storedUrl())?.value).toBeNull();
    expect(session.errors).toEqual([]);
  });

  it('refuses a template with a broken reference and shows every problem with its file and place', async () => {
    const [chooser] = await Promise.all([session.page.waitForEvent('filechooser'), session.page.getByTestId('app-import').click()]);
    await chooser.setFiles({ name: 'complaint-ticket-broken.zip', mimeType: 'application/zip', buffer: brokenTemplateZip() });
    const problems = session.page.getByTestId('import-problems');
    await problems.waitFor();
    const row = problems.locator('tr', { hasText: 'processes/complaint-handling.bpmn' }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain('complaint_handlin');
    expect(await session.page.locator('.ant-modal-title').textContent()).toBe('导入未成功');
    await session.page.waitForTimeout(300);
    await session.page.screenshot({ path: screenshotPath('app-import-errors') });
    expect(session.errors).toEqual([]);
  });
});
