import { delegateTask } from '../index';
import { linearDriver } from '../test-support/loan-steps';

describe('delegate', () => {
  it('the delegate works on the task, then it returns to the owner, who completes it with the delegate data', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li');
    driver.apply(delegateTask(driver.definition, driver.state, driver.task('review').id, { to: 'chen', by: 'li', now: driver.now }));
    expect(driver.task('review')).toMatchObject({ assignee: 'chen', owner: 'li', delegationState: 'pending' });
    driver.complete('review', { valuation: 900000 }, 'chen');
    expect(driver.task('review')).toMatchObject({ assignee: 'li', delegationState: 'resolved' });
    expect(driver.state.variables.valuation).toBeUndefined();
    driver.complete('review', { approved: true }, 'li');
    expect(driver.state.variables).toMatchObject({ valuation: 900000, approved: true });
    expect(driver.openTasks()).toEqual(['approve:boss']);
  });
});
