import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { screenshotPath } from '../../../scripts/e2e/browser';
import { repositoryRoot } from '../../../scripts/e2e/server-process';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

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
