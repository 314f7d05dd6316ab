import { screenshotPath } from '../../../scripts/e2e/browser';
import { apiToken } from '../../../scripts/e2e/session';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

interface Listed {
  items: Array<{ id: string; data: Record<string, unknown> }>;
  total: number;
}

async function list(baseUrl: string, token: string, formKey: string, query: Record<string, string>): Promise<Listed> {
  const response = await fetch(`${baseUrl}/api/forms/${formKey}/records?${new URLSearchParams(query).toString()}`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${formKey} records answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Listed;
}

describe('an account manager opens the 360° view of a seeded customer', () => {
  const session = useSignedInSession('account_manager', { env: { TESSERA_INSTALL_TEMPLATES: 'true' } });

  it('finds the customer in the list and sees tier, tags, the AUM trend chart, products and follow-ups', async () => {
    const { page, server } = session;
    const token = await apiToken(server.url, 'account_manager');
    // A customer of the seed data who holds products and carries tags.
    const tagged = await list(server.url, token, 'customer', { pageSize: '200', filter: JSON.stringify({ '==': [{ var: 'warning' }, true] }) });
    const holdings = await list(server.url, token, 'product_holding', { pageSize: '200' });
    const holders = new Set(holdings.items.map((item) => (item.data.customer as { id: string }).id));
    const customer = tagged.items.find((item) => holders.has(item.id) && (item.data.tags as string[]).length > 0) ?? tagged.items[0]!;
    const productCount = holdings.items.filter((item) => (item.data.customer as { id: string }).id === customer.id).length;
    expect(productCount).toBeGreaterThan(0);

    await page.goto(`${server.url}/customers`);
    await page.getByTestId('customer-list').waitFor();
    await page.getByTestId('customer-search').fill(String(customer.data.mobile));
    await page.getByTestId('customer-search').press('Enter');
    await page.getByRole('link', { name: String(customer.data.name) }).first().waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    await page.getByRole('link', { name: String(customer.data.name) }).first().click();

    await page.waitForURL(`**/customers/${customer.id}`);
    await page.getByTestId('customer-360').waitFor();
    expect(await page.getByTestId('customer-name').textContent()).toBe(customer.data.name);
    const tierLabels: Record<string, string> = { mass: '大众', vip: '贵宾', private: '私行' };
    expect(await page.getByTestId('customer-tier').textContent()).toBe(tierLabels[String(customer.data.tier)]);
    const tags = await page.getByTestId('customer-tags').locator('.ant-tag').allTextContents();
    expect(tags.length).toBeGreaterThanOrEqual((customer.data.tags as string[]).length);
    expect(tags).toContain('AUM 下滑');
    expect(await page.getByTestId('customer-warning').textContent()).toContain('AUM 连续下降');

    const chart = page.getByTestId('customer-aum').getByTestId('chart');
    await page.getByTestId('customer-aum').locator('[data-testid="chart"][data-state="ready"] canvas').waitFor();
    expect(await chart.getAttribute('data-state')).toBe('ready');
    const productRows = page.getByTestId('customer-products').locator('.ant-table-tbody tr.ant-table-row');
    await productRows.first().waitFor();
    expect(await productRows.count()).toBe(Math.min(productCount, 6));
    await page.getByTestId('customer-followups').locator('.ant-timeline, .ant-empty').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('customer-360') });
    expect(session.errors).toEqual([]);
  });
});
