import { claimTask, unclaimTask } from '../index';
import { linearDriver, errorCode } from '../test-support/loan-steps';

describe('claim and unclaim', () => {
  it('a candidate claims an unassigned task, and can give it back', async () => {
    const driver = (await linearDriver()).complete('apply');
    const task = driver.task('review');
    driver.apply(claimTask(driver.definition, driver.state, task.id, { by: 'li', roles: ['credit-officer'], now: driver.now }));
    expect(driver.task('review')).toMatchObject({ assignee: 'li', claimedAt: driver.now, touched: true });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.updated', change: 'claimed' }));
    driver.apply(unclaimTask(driver.definition, driver.state, task.id, { by: 'li', now: driver.now }));
    expect(driver.task('review').assignee).toBeUndefined();
  });

  it('refuses a second claim and a user who is not a candidate', async () => {
    const driver = (await linearDriver()).complete('apply');
    const taskId = driver.task('review').id;
    expect(errorCode(() => claimTask(driver.definition, driver.state, taskId, { by: 'zhou', roles: ['teller'], now: driver.now }))).toBe('task.notCandidate');
    driver.claim('review', 'li');
    expect(errorCode(() => claimTask(driver.definition, driver.state, taskId, { by: 'zhou', now: driver.now }))).toBe('task.alreadyClaimed');
  });
});
