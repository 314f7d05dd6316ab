import { transferTask } from '../index';
import { linearDriver } from '../test-support/loan-steps';

describe('transfer 转交', () => {
  it('hands the task to another user for good', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li');
    driver.apply(transferTask(driver.definition, driver.state, driver.task('review').id, { to: 'zhou', by: 'li', now: driver.now }));
    expect(driver.openTasks()).toEqual(['review:zhou']);
    expect(driver.log).toContainEqual(
      expect.objectContaining({ type: 'history', event: expect.objectContaining({ kind: 'task.transferred', detail: { from: 'li', to: 'zhou' } }) }),
    );
    driver.complete('review');
    expect(driver.openTasks()).toEqual(['approve:boss']);
  });
});
