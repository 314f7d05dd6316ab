import { compileProcess } from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('inclusive gateway', () => {
  const xml = bpmn(`
    <bpmn:startEvent id="start" /><bpmn:inclusiveGateway id="split" default="none" />
    <bpmn:userTask id="collateral" /><bpmn:userTask id="guarantor" /><bpmn:userTask id="basic" />
    <bpmn:exclusiveGateway id="check" />
    <bpmn:endEvent id="rejected" />
    <bpmn:inclusiveGateway id="merge" /><bpmn:userTask id="decide" /><bpmn:endEvent id="end" />
    ${flow('f0', 'start', 'split')}
    ${flow('c1', 'split', 'collateral', '${amount > 100}')}
    ${flow('c2', 'split', 'guarantor', '${amount > 1000}')}
    ${flow('none', 'split', 'basic')}
    ${flow('g1', 'collateral', 'check')}
    ${flow('g2', 'check', 'merge', '${ok}')}
    ${flow('g3', 'check', 'rejected', '${!ok}')}
    ${flow('m2', 'guarantor', 'merge')}${flow('m3', 'basic', 'merge')}
    ${chain('e', 'merge', 'decide', 'end')}`);

  it('activates every flow whose condition holds', async () => {
    const driver = new Driver(await compileProcess(xml)).start({ variables: { amount: 5000 } });
    expect(driver.openTasks()).toEqual(['collateral', 'guarantor']);
  });

  it('takes the default flow when no condition holds', async () => {
    const driver = new Driver(await compileProcess(xml)).start({ variables: { amount: 5 } });
    expect(driver.openTasks()).toEqual(['basic']);
    driver.complete('basic');
    expect(driver.openTasks()).toEqual(['decide']);
  });

  it('waits at the join only for tokens that can still arrive', async () => {
    const driver = new Driver(await compileProcess(xml)).start({ variables: { amount: 500 } });
    expect(driver.openTasks()).toEqual(['collateral']);
    driver.complete('collateral', { ok: true });
    expect(driver.openTasks()).toEqual(['decide']);
  });

  it('fires the join when a sibling branch ends elsewhere', async () => {
    const driver = new Driver(await compileProcess(xml)).start({ variables: { amount: 5000 } });
    driver.complete('guarantor');
    expect(driver.openTasks()).toEqual(['collateral']);
    driver.complete('collateral', { ok: false });
    expect(driver.openTasks()).toEqual(['decide']);
  });
});
