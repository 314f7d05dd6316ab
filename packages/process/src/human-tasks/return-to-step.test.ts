import { compileProcess, returnToStep } from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';
import { linearDriver, errorCode } from '../test-support/loan-steps';

describe('return 退回', () => {
  it('moves the token back to an earlier completed step, assigned to whoever completed it', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li').complete('review');
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('approve').id, { toElementId: 'review', by: 'boss', comment: '补充材料', now: driver.now }));
    expect(driver.openTasks()).toEqual(['review:li']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'approve', reason: 'returned' }));
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('review').id, { toElementId: 'apply', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
  });

  it('refuses a step that was never completed or lies downstream', async () => {
    const driver = (await linearDriver()).complete('apply');
    const taskId = driver.task('review').id;
    expect(errorCode(() => returnToStep(driver.definition, driver.state, taskId, { toElementId: 'approve', now: driver.now }))).toBe('return.targetNotCompleted');
    expect(errorCode(() => returnToStep(driver.definition, driver.state, taskId, { toElementId: 'start', now: driver.now }))).toBe('return.targetNotUserTask');
  });

  const parallel = bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="apply" /><bpmn:parallelGateway id="fork" />
    <bpmn:userTask id="credit" /><bpmn:userTask id="risk" /><bpmn:parallelGateway id="join" /><bpmn:userTask id="approve" /><bpmn:endEvent id="end" />
    ${chain('a', 'start', 'apply', 'fork')}${flow('p1', 'fork', 'credit')}${flow('p2', 'fork', 'risk')}
    ${flow('j1', 'credit', 'join')}${flow('j2', 'risk', 'join')}${chain('z', 'join', 'approve', 'end')}`);

  it('returning from one parallel branch to before the fork cancels the sibling branch', async () => {
    const driver = new Driver(await compileProcess(parallel)).start().complete('apply', {}, 'wang').complete('credit', {}, 'li');
    expect(driver.openTasks()).toEqual(['risk']);
    expect(errorCode(() => returnToStep(driver.definition, driver.state, driver.task('risk').id, { toElementId: 'credit', now: driver.now }))).toBe(
      'return.targetNotUpstream',
    );
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('risk').id, { toElementId: 'apply', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
    expect(driver.state.joins).toEqual({});
    driver.complete('apply');
    expect(driver.openTasks()).toEqual(['credit', 'risk']);
  });

  it('returning after the join into one branch redoes only that branch', async () => {
    const driver = new Driver(await compileProcess(parallel)).start().complete('apply', {}, 'wang').complete('credit', {}, 'li').complete('risk', {}, 'zhou');
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('approve').id, { toElementId: 'credit', now: driver.now }));
    expect(driver.openTasks()).toEqual(['credit:li']);
    driver.complete('credit');
    expect(driver.openTasks()).toEqual(['approve']);
  });
});

describe('return out of a subprocess', () => {
  it('cancels the subprocess and redoes the step before it', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="apply" />
        <bpmn:subProcess id="checks"><bpmn:startEvent id="cs" /><bpmn:userTask id="verify" /><bpmn:endEvent id="ce" />${chain('c', 'cs', 'verify', 'ce')}</bpmn:subProcess>
        <bpmn:endEvent id="end" />${chain('f', 'start', 'apply', 'checks', 'end')}`),
    );
    const driver = new Driver(definition).start().complete('apply', {}, 'wang');
    driver.apply(returnToStep(definition, driver.state, driver.task('verify').id, { toElementId: 'apply', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
    expect(Object.keys(driver.state.scopes)).toEqual(['root']);
    driver.complete('apply');
    expect(driver.openTasks()).toEqual(['verify']);
  });
});
