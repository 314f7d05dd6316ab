import { cancelInstance, compileProcess, completeCallActivity, completeTask, fireTimer, ProcessError, start } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

const model = bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:sla="PT4H" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`);

function codeOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ProcessError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('commands', () => {
  it('cancelInstance withdraws every task and timer and ends the instance as cancelled', async () => {
    const definition = await compileProcess(model);
    const driver = new Driver(definition).start();
    driver.apply(cancelInstance(definition, driver.state, { by: 'admin', reason: 'duplicate application', now: driver.now }));
    expect(driver.status).toBe('cancelled');
    expect(driver.openTasks()).toEqual([]);
    expect(driver.pendingTimers()).toEqual([]);
    expect(driver.effectTypes()).toEqual(['timer.cancelled', 'task.cancelled', 'instance.ended']);
  });

  it('refuses commands on an ended instance, on another process, without a valid now, or for unknown ids', async () => {
    const definition = await compileProcess(model);
    const other = await compileProcess(model.replace('id="process"', 'id="other"'));
    const driver = new Driver(definition).start();
    const taskId = driver.task('review').id;
    expect(codeOf(() => completeTask(other, driver.state, taskId, { now: driver.now }))).toBe('state.definitionMismatch');
    expect(codeOf(() => completeTask(definition, driver.state, taskId, { now: 'soon' }))).toBe('command.now.invalid');
    expect(codeOf(() => completeTask(definition, driver.state, 'pi:task99', { now: driver.now }))).toBe('task.unknown');
    expect(codeOf(() => fireTimer(definition, driver.state, 'pi:timer99', { now: driver.now }))).toBe('timer.unknown');
    expect(codeOf(() => start(definition, { now: driver.now, messageName: 'nothing' }))).toBe('start.unknown');
    expect(codeOf(() => completeTask(definition, driver.state, taskId, { now: driver.now, data: ['approved'] as never }))).toBe('task.data.invalid');
    driver.complete('review');
    expect(codeOf(() => completeTask(definition, driver.state, taskId, { now: driver.now }))).toBe('instance.ended');
  });

  it('a failed child process is caught by the error boundary event of its call activity', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:callActivity id="valuation" calledElement="collateral" /><bpmn:endEvent id="end" />
         <bpmn:boundaryEvent id="failed" attachedToRef="valuation"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
         <bpmn:userTask id="manualValuation" /><bpmn:endEvent id="end2" />
         ${chain('f', 'start', 'valuation', 'end')}${chain('b', 'failed', 'manualValuation', 'end2')}`,
        { extraRoot: '<bpmn:error id="e" errorCode="NO_VALUER" />' },
      ),
    );
    const driver = new Driver(definition).start();
    const request = driver.effects.find((effect) => effect.type === 'callActivity.requested') as { callId: string };
    driver.apply(completeCallActivity(definition, driver.state, request.callId, { now: driver.now, error: { code: 'NO_VALUER' } }));
    expect(driver.openTasks()).toEqual(['manualValuation']);
  });
});
