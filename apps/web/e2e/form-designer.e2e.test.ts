import { screenshotPath } from '../../../scripts/e2e/browser';
import { apiToken } from '../../../scripts/e2e/session';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

describe('a business user designs a form in the studio', () => {
  const session = useSignedInSession('admin');

  it('drags fields from the palette onto the canvas, reorders them and edits their properties', async () => {
    await session.page.getByTestId('main-nav').getByText('设计器').click();
    await session.page.getByTestId('tool-form-designer').click();
    await session.page.getByTestId('form-designer').waitFor();

    await session.page.getByTestId('palette-text').dragTo(session.page.getByTestId('drop-section-section1'));
    await session.page.getByTestId('designer-field-text1').waitFor();
    await session.page.getByTestId('palette-money').dragTo(session.page.getByTestId('drop-section-section1'));
    await session.page.getByTestId('palette-residentId').dragTo(session.page.getByTestId('drop-section-section1'));
    await session.page.getByTestId('palette-subform').dragTo(session.page.getByTestId('drop-section-section1'));
    await session.page.getByTestId('palette-date').dragTo(session.page.getByTestId('drop-subform-subform1'));
    await session.page.getByTestId('designer-field-date1').waitFor();

    const order = () => session.page.locator('[data-testid="designer-section-section1"] > .designer-grid > .designer-field').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-field-key')));
    expect(await order()).toEqual(['text1', 'money1', 'residentId1', 'subform1']);
    // Drop the amount on the top half of the text field: it moves before it.
    const target = await session.page.getByTestId('designer-field-text1').boundingBox();
    await session.page.getByTestId('designer-field-money1').locator('.designer-drag-handle').dragTo(session.page.getByTestId('designer-field-text1'), { targetPosition: { x: target!.width / 4, y: 4 } });
    expect(await order()).toEqual(['money1', 'text1', 'residentId1', 'subform1']);

    await session.page.getByTestId('designer-field-text1').click();
    await session.page.getByTestId('prop-label-zh').fill('客户姓名');
    await session.page.getByTestId('prop-label-en').fill('Customer name');
    await session.page.getByTestId('prop-key').fill('customerName');
    await session.page.getByTestId('prop-key').press('Enter');
    await session.page.getByTestId('designer-field-customerName').waitFor();
    expect(await session.page.getByTestId('designer-field-customerName').locator('.designer-field-label').textContent()).toBe('客户姓名');

    await session.page.getByRole('tab', { name: '规则' }).click();
    await session.page.getByTestId('prop-required').getByText('是').click();
    expect(await session.page.getByTestId('designer-field-customerName').locator('.designer-required').count()).toBe(1);
    await session.page.screenshot({ path: screenshotPath('form-designer') });

    await session.page.getByTestId('designer-undo').click();
    expect(await session.page.getByTestId('designer-field-customerName').locator('.designer-required').count()).toBe(0);
    await session.page.getByTestId('designer-redo').click();
    expect(await session.page.getByTestId('designer-field-customerName').locator('.designer-required').count()).toBe(1);
    expect(session.errors).toEqual([]);
  });

  it('publishes the form as a new version of an app', async () => {
    await session.page.getByTestId('designer-canvas').click({ position: { x: 10, y: 10 } });
    await session.page.getByTestId('prop-form-key').fill('customer-intake');
    await session.page.getByTestId('prop-form-title-zh').fill('客户登记');
    await session.page.getByTestId('designer-save').click();
    await session.page.getByTestId('designer-app-key').fill('retail');
    await session.page.locator('.ant-modal-footer .ant-btn-primary').click();
    await session.page.getByText('已保存为第 1 版').waitFor();
    await session.page.waitForURL(/\/studio\/forms\/customer-intake$/);

    const token = await apiToken(session.server.url, 'admin');
    const stored = (await (await fetch(`${session.server.url}/api/forms/customer-intake`, { headers: { Authorization: `Bearer ${token}` } })).json()) as { appKey: string; version: number; definition: { title: unknown; fields: Array<{ key: string; required?: unknown }> } };
    expect(stored).toMatchObject({ appKey: 'retail', version: 1, definition: { title: { 'zh-CN': '客户登记' } } });
    expect(stored.definition.fields.map((field) => field.key)).toEqual(['money1', 'customerName', 'residentId1', 'subform1']);
    expect(stored.definition.fields[1]).toMatchObject({ key: 'customerName', required: true });
    expect(session.errors).toEqual([]);
  });
});
