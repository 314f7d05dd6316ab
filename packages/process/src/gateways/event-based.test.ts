import { compileProcess } from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('event-based gateway', () => {
  const xml = bpmn(`
    <bpmn:startEvent id="start" /><bpmn:eventBasedGateway id="await" />
    <bpmn:intermediateCatchEvent id="received"><bpmn:messageEventDefinition messageRef="docs" /></bpmn:intermediateCatchEvent>
    <bpmn:intermediateCatchEvent id="timeout"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
    <bpmn:userTask id="review" /><bpmn:userTask id="chase" /><bpmn:endEvent id="end" /><bpmn:endEvent id="end2" />
    ${flow('f0', 'start', 'await')}${flow('f1', 'await', 'received')}${flow('f2', 'await', 'timeout')}
    ${chain('r', 'received', 'review', 'end')}${chain('t', 'timeout', 'chase', 'end2')}`,
    { extraRoot: '<bpmn:message id="docs" name="documentsReceived" />' },
  );

  it('waits on all its events and follows the message when it comes first', async () => {
    const driver = new Driver(await compileProcess(xml)).start({ businessKey: 'L-1' });
    expect(driver.pendingTimers()).toEqual(['timeout/eventGateway']);
    expect(Object.values(driver.state.subscriptions).map((subscription) => subscription.name)).toEqual(['documentsReceived']);
    driver.message('documentsReceived', { pages: 3 });
    expect(driver.openTasks()).toEqual(['review']);
    expect(driver.pendingTimers()).toEqual([]);
    expect(driver.effectTypes()).toContain('timer.cancelled');
    expect(driver.state.variables.pages).toBe(3);
  });

  it('follows the timer when it fires first and withdraws the subscription', async () => {
    const driver = new Driver(await compileProcess(xml)).start();
    driver.fire('timeout');
    expect(driver.openTasks()).toEqual(['chase']);
    expect(driver.state.subscriptions).toEqual({});
    expect(driver.effectTypes()).toContain('message.subscriptionCancelled');
  });
});
