import { screenshotPath } from '../../../scripts/e2e/browser';
import { useSignedInSession } from '../../../scripts/e2e/signed-in-session';

describe('a business analyst edits rules and decision tables in the studio', () => {
  const session = useSignedInSession('admin');

  it('tries the loan-rate decision table and sees which row decided, then edits a cell and sees the new answer', async () => {
    await session.page.goto(`${session.server.url}/studio/decision-tables`);
    await session.page.getByTestId('decision-table-editor').waitFor();
    expect(await session.page.getByTestId('table-problems').getAttribute('data-count')).toBe('0');
    await session.page.getByTestId('try-customer.tier').fill('gold');
    await session.page.getByTestId('try-loanAmount').fill('2000000');
    await session.page.getByTestId('try-run').click();
    expect(await session.page.getByTestId('try-outcome').textContent()).toContain('年利率（%） 3.75，审批层级 head-office');
    expect(await session.page.getByTestId('try-outcome').textContent()).toContain('命中的规则行：3');
    expect(await session.page.getByTestId('dt-row-2').getAttribute('class')).toContain('dt-matched');
    await session.page.screenshot({ path: screenshotPath('decision-table') });

    const rateCell = session.page.getByTestId('dt-row-2').locator('td').nth(3).locator('input');
    await rateCell.fill('3.65');
    await rateCell.blur();
    await session.page.getByTestId('try-run').click();
    expect(await session.page.getByTestId('try-outcome').textContent()).toContain('年利率（%） 3.65');
  });

  it('builds a rule visually and evaluates it with the rules engine', async () => {
    await session.page.goto(`${session.server.url}/studio/rules`);
    await session.page.getByTestId('rule-editor').waitFor();
    expect(await session.page.getByTestId('rule-condition').count()).toBe(1);
    await session.page.getByTestId('rule-run').click();
    expect(await session.page.getByTestId('rule-outcome').textContent()).toBe('结果：true');
    await session.page.getByTestId('rule-condition').locator('input.ant-input-number-input').fill('900000');
    await session.page.getByTestId('rule-run').click();
    expect(await session.page.getByTestId('rule-outcome').textContent()).toBe('结果：false');
    await session.page.getByRole('tab', { name: 'JSON' }).click();
    expect(await session.page.locator('textarea.rule-json').first().inputValue()).toContain('900000');
    await session.page.getByRole('tab', { name: '可视化' }).click();
    await session.page.getByTestId('rule-condition').waitFor();
    await session.page.waitForTimeout(400);
    await session.page.screenshot({ path: screenshotPath('rule-editor') });
    expect(session.errors).toEqual([]);
  });
});
