import { screenshotPath } from '../../../scripts/e2e/browser';
import { apiToken } from '../../../scripts/e2e/session';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

describe('a supervisor edits a complaint record and reads its audit history', () => {
  const session = useSignedInSession('supervisor', { env: { TESSERA_INSTALL_TEMPLATES: 'true' } });
  let recordId: string;

  beforeAll(async () => {
    const token = await apiToken(session.server.url, 'supervisor');
    const page = (await (await fetch(`${session.server.url}/api/forms/complaint/records?pageSize=1`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { items: Array<{ id: string }> };
    recordId = page.items[0]!.id;
  });

  it('shows a dashboard drill-down filter as a chip in words and removes it', async () => {
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'severity' }, 'high'] }));
    await session.page.goto(`${session.server.url}/records/complaint?filter=${filter}`);
    const chip = session.page.getByTestId('drill-filter-chip');
    await chip.waitFor();
    expect(await chip.textContent()).toBe('严重程度 = 高');
    await session.page.locator('.ant-table-row').first().waitFor();
    await chip.locator('.ant-tag-close-icon').click();
    await chip.waitFor({ state: 'detached' });
    expect(new URL(session.page.url()).searchParams.get('filter')).toBeNull();
  });

  it('opens the record, edits it and sees the change with its before and after values', async () => {
    const page = session.page;
    await page.getByTestId(`record-${recordId}`).click();
    await page.waitForURL(new RegExp(`/records/complaint/${recordId}$`));
    await page.getByTestId('form-renderer').waitFor();
    await page.getByTestId('record-audit').waitFor();
    const before = await page.getByTestId('record-audit').locator('[data-action]').count();

    await page.getByTestId('record-edit').click();
    const description = page.locator('[data-field="description"] textarea');
    await description.fill('客户补充说明：要求书面答复（已电话确认）');
    await page.getByTestId('record-save').click();
    await page.getByText('已保存').first().waitFor();

    const latest = page.getByTestId('record-audit').locator('[data-action="record.update"]').first();
    await latest.waitFor();
    expect(await page.getByTestId('record-audit').locator('[data-action]').count()).toBe(before + 1);
    expect(await latest.locator('.audit-after').first().textContent()).toBe('客户补充说明：要求书面答复（已电话确认）');
    expect(await latest.locator('.audit-before').count()).toBeGreaterThan(0);
    expect(await latest.textContent()).toContain('投诉内容');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('record-detail-audit') });
    expect(session.errors).toEqual([]);
  });
});
