import { compileProcess } from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('parallel gateway', () => {
  const xml = bpmn(`
    <bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
    <bpmn:userTask id="credit" /><bpmn:userTask id="risk" /><bpmn:userTask id="legal" />
    <bpmn:parallelGateway id="join" /><bpmn:userTask id="sign" /><bpmn:endEvent id="end" />
    ${flow('f0', 'start', 'fork')}
    ${flow('a1', 'fork', 'credit')}${flow('a2', 'fork', 'risk')}${flow('a3', 'fork', 'legal')}
    ${flow('b1', 'credit', 'join')}${flow('b2', 'risk', 'join')}${flow('b3', 'legal', 'join')}
    ${chain('c', 'join', 'sign', 'end')}`);

  it('forks into every branch and joins once all have arrived', async () => {
    const driver = new Driver(await compileProcess(xml)).start();
    expect(driver.openTasks()).toEqual(['credit', 'legal', 'risk']);
    driver.complete('credit').complete('legal');
    expect(driver.openTasks()).toEqual(['risk']);
    driver.complete('risk');
    expect(driver.openTasks()).toEqual(['sign']);
    driver.complete('sign');
    expect(driver.status).toBe('completed');
    expect(driver.state.joins).toEqual({});
  });
});
