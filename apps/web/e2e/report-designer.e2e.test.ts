import { screenshotPath } from '../../../scripts/e2e/browser';
import { apiToken } from '../../../scripts/e2e/session';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

describe('a designer builds a report by dragging fields', () => {
  const session = useSignedInSession('admin', { env: { TESSERA_INSTALL_TEMPLATES: 'true' } });

  it('drags a dimension and a measure, sees the live chart, is told what is missing next to the control, and saves a version', async () => {
    const { page, server } = session;
    await page.goto(`${server.url}/reports`);
    await page.getByTestId('reports-page').waitFor();
    await page.getByRole('button', { name: '新建报表' }).click();
    await page.getByTestId('report-designer').waitFor();

    await page.getByTestId('new-chart').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="客户"]').click();
    await page.getByTestId('palette-field-branch').waitFor();
    await page.getByTestId('palette-field-branch').dragTo(page.getByTestId('well-dimensions'));
    await page.getByTestId('well-item-branch').waitFor();
    await page.getByTestId('palette-field-aum').dragTo(page.getByTestId('well-measures'));
    await page.getByTestId('well-item-sum_aum').waitFor();

    await page.getByTestId('aggregate-sum_aum').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="平均值"]').click();
    const preview = page.getByTestId('designer-preview');
    await preview.locator('[data-testid="chart"][data-state="ready"] canvas').waitFor();
    await page.waitForFunction(() => /共 [1-9]\d* 行结果/.test(document.querySelector('[data-testid="designer-preview"]')?.textContent ?? ''));
    // Branch codes are shown by their names, not their stored values.
    await page.waitForTimeout(1000);

    await page.getByTestId('chart-title-zh').fill('各支行平均 AUM');
    await page.getByTestId('chart-title-en').fill('Average AUM by branch');
    // Saved without a key and titles: the server's problems appear beside the key and title inputs.
    await page.getByTestId('report-save').click();
    const keyItem = page.locator('.ant-form-item').filter({ has: page.getByTestId('report-key') });
    await keyItem.locator('.ant-form-item-explain-error').waitFor();
    expect(await keyItem.locator('.ant-form-item-explain-error').textContent()).toContain('报表定义格式');

    await page.getByTestId('report-key').fill('branch_aum');
    await keyItem.locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    await page.getByTestId('report-title-zh').fill('支行 AUM 分析');
    await page.getByTestId('report-title-en').fill('Branch AUM');
    await page.getByRole('tab', { name: '看板布局' }).click();
    await page.getByTestId('add-dashboard').click();
    await page.getByTestId('layout-widget-chart').waitFor();
    // Drag the widget by its handle to the right half of the 24-column grid.
    const handle = (await page.getByTestId('layout-widget-chart').locator('.layout-widget-handle').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + 60, handle.y + 20, { steps: 5 });
    await page.mouse.move(handle.x + 760, handle.y + 20, { steps: 5 });
    await page.mouse.up();
    expect(await page.getByTestId('layout-widget-chart').getAttribute('style')).toContain('left: calc(50% + 4px)');
    await page.getByRole('tab', { name: '图表设计' }).click();
    await preview.locator('[data-testid="chart"][data-state="ready"] canvas').waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: screenshotPath('report-designer') });

    await page.getByTestId('report-save').click();
    await page.waitForURL('**/studio/reports/branch_aum');
    await page.getByText('已保存 branch_aum 第 1 版').waitFor();

    const token = await apiToken(server.url, 'admin');
    const stored = (await (await fetch(`${server.url}/api/reports/branch_aum`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      definition: { title: Record<string, string>; datasets: Array<{ source: unknown; dimensions: Array<{ field: string }>; measures: Array<{ aggregate: string; field?: string }> }>; charts: Array<{ type: string; category: string; title: Record<string, string> }>; dashboards: Array<{ widgets: Array<{ chart: string; x: number; y: number; w: number; h: number }> }> };
    };
    expect(stored.definition.title).toEqual({ 'zh-CN': '支行 AUM 分析', en: 'Branch AUM' });
    expect(stored.definition.datasets[0]!.source).toEqual({ type: 'records', form: 'customer' });
    expect(stored.definition.datasets[0]!.dimensions.map((dimension) => dimension.field)).toEqual(['branch']);
    expect(stored.definition.datasets[0]!.measures).toMatchObject([{ aggregate: 'avg', field: 'aum' }]);
    expect(stored.definition.charts[0]).toMatchObject({ type: 'bar', category: 'branch', title: { 'zh-CN': '各支行平均 AUM', en: 'Average AUM by branch' } });
    expect(stored.definition.dashboards[0]!.widgets).toEqual([{ chart: 'chart', x: 12, y: 0, w: 12, h: 8 }]);
    expect(session.errors).toEqual([]);
  });
});
