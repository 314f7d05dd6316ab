import { compileProcess } from '../index';
import { bpmn, chain, timerDefinition as timer } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('boundary events', () => {
  const withBoundary = (boundary: string, extraRoot = '') =>
    bpmn(
      `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:endEvent id="end" />
       ${boundary}
       <bpmn:userTask id="handle" /><bpmn:endEvent id="end2" />
       ${chain('f', 'start', 'review', 'end')}${chain('b', 'edge', 'handle', 'end2')}`,
      { extraRoot },
    );

  it('an interrupting timer cancels the task and takes the boundary path', async () => {
    const definition = await compileProcess(withBoundary(`<bpmn:boundaryEvent id="edge" attachedToRef="review">${timer('timeDuration', 'P2D')}</bpmn:boundaryEvent>`));
    const driver = new Driver(definition).start();
    expect(driver.pendingTimers()).toEqual(['edge/boundary']);
    driver.fire('edge');
    expect(driver.openTasks()).toEqual(['handle']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'review', reason: 'boundary' }));
  });

  it('completing the task withdraws its boundary timer', async () => {
    const definition = await compileProcess(withBoundary(`<bpmn:boundaryEvent id="edge" attachedToRef="review">${timer('timeDuration', 'P2D')}</bpmn:boundaryEvent>`));
    const driver = new Driver(definition).start().complete('review');
    expect(driver.pendingTimers()).toEqual([]);
    expect(driver.effectTypes()).toContain('timer.cancelled');
    expect(driver.status).toBe('completed');
  });

  it('a non-interrupting cycle timer fires repeatedly while the task stays open', async () => {
    const definition = await compileProcess(
      withBoundary(`<bpmn:boundaryEvent id="edge" attachedToRef="review" cancelActivity="false">${timer('timeCycle', 'R2/PT1H')}</bpmn:boundaryEvent>`),
    );
    const driver = new Driver(definition).start();
    driver.fire('edge');
    expect(driver.openTasks()).toEqual(['handle', 'review']);
    expect(driver.timer('edge').dueAt).toBe('2026-11-23T10:00:00.000Z');
    driver.fire('edge');
    expect(driver.openTasks()).toEqual(['handle', 'handle', 'review']);
    expect(driver.pendingTimers()).toEqual([]);
  });

  it('a timer boundary event may be due at a date', async () => {
    const definition = await compileProcess(withBoundary(`<bpmn:boundaryEvent id="edge" attachedToRef="review">${timer('timeDate', '2026-11-30T01:00:00Z')}</bpmn:boundaryEvent>`));
    const driver = new Driver(definition).start();
    expect(driver.timer('edge').dueAt).toBe('2026-11-30T01:00:00.000Z');
    driver.fire('edge');
    expect(driver.openTasks()).toEqual(['handle']);
  });

  it('a message boundary event interrupts the task', async () => {
    const definition = await compileProcess(
      withBoundary(`<bpmn:boundaryEvent id="edge" attachedToRef="review"><bpmn:messageEventDefinition messageRef="m" /></bpmn:boundaryEvent>`, '<bpmn:message id="m" name="cancelRequested" />'),
    );
    const driver = new Driver(definition).start({ businessKey: 'L-9' });
    driver.message('cancelRequested', { reason: 'customer' }, 'L-9');
    expect(driver.openTasks()).toEqual(['handle']);
    expect(driver.state.variables.reason).toBe('customer');
  });

  it('a signal boundary event interrupts the task', async () => {
    const definition = await compileProcess(
      withBoundary(`<bpmn:boundaryEvent id="edge" attachedToRef="review"><bpmn:signalEventDefinition signalRef="s" /></bpmn:boundaryEvent>`, '<bpmn:signal id="s" name="freeze" />'),
    );
    expect(new Driver(definition).start().signal('freeze').openTasks()).toEqual(['handle']);
  });

  it('an error boundary event on a service task catches the job error code; other failures become incidents', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="transfer" tessera:jobType="core-banking.transfer" /><bpmn:endEvent id="end" />
         <bpmn:boundaryEvent id="insufficient" attachedToRef="transfer"><bpmn:errorEventDefinition errorRef="e" /></bpmn:boundaryEvent>
         <bpmn:userTask id="notifyCustomer" /><bpmn:endEvent id="end2" />
         ${chain('f', 'start', 'transfer', 'end')}${chain('b', 'insufficient', 'notifyCustomer', 'end2')}`,
        { extraRoot: '<bpmn:error id="e" errorCode="INSUFFICIENT_FUNDS" />' },
      ),
    );
    const caught = new Driver(definition).start().failJob('transfer', { code: 'INSUFFICIENT_FUNDS' });
    expect(caught.openTasks()).toEqual(['notifyCustomer']);
    const failed = new Driver(definition).start().failJob('transfer', { message: 'timeout' });
    expect(Object.values(failed.state.incidents)).toEqual([expect.objectContaining({ kind: 'job', elementId: 'transfer', message: 'timeout' })]);
  });
});
