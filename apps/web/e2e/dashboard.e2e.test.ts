import type { Locator } from 'playwright-core';
import { screenshotPath } from '../../../scripts/e2e/browser';
import { apiToken } from '../../../scripts/e2e/session';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

/** Where the chart painted bars in the palette's first (blue) colour: how many pixels, and the middle of the tallest bar. */
async function paintedBars(panel: Locator): Promise<{ pixels: number; x: number; y: number; width: number; height: number }> {
  return panel.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const context = canvas.getContext('2d')!;
    const { width, height } = canvas;
    const pixels = context.getImageData(0, 0, width, height).data;
    const isBar = (index: number) => pixels[index + 2]! > 170 && pixels[index]! < 120 && pixels[index + 1]! < 150 && pixels[index + 3]! > 200;
    let count = 0;
    let best = { column: 0, top: height };
    for (let x = 0; x < width; x += 1) {
      for (let y = 0; y < height; y += 1) {
        if (isBar((y * width + x) * 4)) {
          count += 1;
          if (y < best.top) best = { column: x, top: y };
          break;
        }
      }
    }
    const ratio = width / canvas.clientWidth;
    return { pixels: count, x: best.column / ratio, y: (best.top + 10 * ratio) / ratio, width: canvas.clientWidth, height: canvas.clientHeight };
  });
}

describe('a supervisor reads the customer dashboard and drills into a bar', () => {
  const session = useSignedInSession('supervisor', { env: { TESSERA_INSTALL_TEMPLATES: 'true' } });

  it('shows the seeded customers as charts, and a click on a bar lands on the records behind it', async () => {
    const { page, server } = session;
    await page.getByTestId('main-nav').getByText('报表').click();
    await page.getByTestId('reports-page').waitFor();
    await page.getByTestId('dashboard-link-customer_overview').click();
    await page.waitForURL('**/reports/customer_insights/dashboards/customer_overview');

    const panel = page.getByTestId('panel-tier_aum');
    await panel.locator('[data-testid="chart"][data-state="ready"] canvas').waitFor();
    await page.waitForTimeout(1200); // the bars grow in with ECharts' animation
    const bars = await paintedBars(panel);
    expect(bars.pixels).toBeGreaterThan(40);
    expect(await page.getByTestId('panel-tier_pie').locator('[data-testid="chart"] canvas').count()).toBe(1);
    expect(await page.getByTestId('panel-warning_list').locator('.ant-table-tbody tr.ant-table-row').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('dashboard-grid').textContent()).not.toMatch(/\b(mass|vip|private)\b/);
    await page.screenshot({ path: screenshotPath('dashboard') });

    // The tallest bar of AUM by tier is the private-banking tier in the seed data.
    await panel.locator('canvas').first().click({ position: { x: bars.x, y: bars.y } });
    await page.waitForURL((url) => url.pathname === '/records/customer' && url.searchParams.has('filter'));
    const filter = JSON.parse(new URL(page.url()).searchParams.get('filter')!) as unknown;
    expect(JSON.stringify(filter)).toContain('"tier"');
    expect(JSON.stringify(filter)).toContain('"private"');
    expect(await page.getByTestId('drill-filter-chip').textContent()).toContain('私行');
    await page.locator('.ant-table-tbody tr.ant-table-row').first().waitFor();
    // As many records as the dashboard counted private-banking customers (the list's first page holds 20).
    const token = await apiToken(server.url, 'supervisor');
    const run = (await (await fetch(`${server.url}/api/reports/customer_insights/dashboards/customer_overview/run`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' })).json()) as { panels: Array<{ key: string; rows: Array<Record<string, unknown>> }> };
    const privateCustomers = Number(run.panels.find((candidate) => candidate.key === 'tier_aum')!.rows.find((row) => row.tier === 'private')!.customers);
    expect(privateCustomers).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(Math.min(privateCustomers, 20));
    await page.screenshot({ path: screenshotPath('dashboard-drill') });
    expect(session.errors).toEqual([]);
  });
});
