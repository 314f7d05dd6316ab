import { compileProcess, withdraw } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';
import { linearDriver, errorCode } from '../test-support/loan-steps';

describe('withdraw 撤回', () => {
  it('the last actor takes the step back while the next task is untouched', async () => {
    const driver = (await linearDriver()).complete('apply');
    driver.apply(withdraw(driver.definition, driver.state, { by: 'wang', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'review', reason: 'withdrawn' }));
  });

  it('is refused once the next task has been claimed', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li');
    expect(errorCode(() => withdraw(driver.definition, driver.state, { by: 'wang', now: driver.now }))).toBe('withdraw.alreadyTaken');
    expect(errorCode(() => withdraw(driver.definition, driver.state, { by: 'stranger', now: driver.now }))).toBe('withdraw.notAllowed');
  });

  it('the starter withdraws the whole application before anyone has acted', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:candidateRoles="credit-officer" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
    );
    const driver = new Driver(definition).start({ startedBy: 'wang' });
    driver.apply(withdraw(definition, driver.state, { by: 'wang', now: driver.now }));
    expect(driver.status).toBe('withdrawn');
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'instance.ended', outcome: 'withdrawn' }));
  });
});
