import { compileProcess, retryIncident, setVariables } from '../index';
import { bpmn, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

const exclusive = bpmn(`
  <bpmn:startEvent id="start" />
  <bpmn:exclusiveGateway id="route" default="toClerk" />
  <bpmn:userTask id="committee" />
  <bpmn:userTask id="manager" />
  <bpmn:userTask id="clerk" />
  <bpmn:endEvent id="end" />
  ${flow('f0', 'start', 'route')}
  ${flow('toCommittee', 'route', 'committee', '${amount > 500000 && grade == "A"}')}
  ${flow('toManager', 'route', 'manager', '{">": [{"var": "amount"}, 100000]}')}
  ${flow('toClerk', 'route', 'clerk')}
  ${flow('f1', 'committee', 'end')}${flow('f2', 'manager', 'end')}${flow('f3', 'clerk', 'end')}`);

describe('exclusive gateway', () => {
  it('takes the first flow whose condition holds, in document order', async () => {
    const driver = new Driver(await compileProcess(exclusive)).start({ variables: { amount: 600000, grade: 'A' } });
    expect(driver.openTasks()).toEqual(['committee']);
  });

  it('reads JSON-logic conditions as well as ${} expressions', async () => {
    const driver = new Driver(await compileProcess(exclusive)).start({ variables: { amount: 600000, grade: 'B' } });
    expect(driver.openTasks()).toEqual(['manager']);
  });

  it('takes the default flow when no condition holds', async () => {
    const driver = new Driver(await compileProcess(exclusive)).start({ variables: { amount: 1000 } });
    expect(driver.openTasks()).toEqual(['clerk']);
  });

  it('raises an incident when no flow can be taken, and a retry re-evaluates with new variables', async () => {
    const xml = exclusive.replace(' default="toClerk"', '').replace(flow('toClerk', 'route', 'clerk'), flow('toClerk', 'route', 'clerk', '${amount < 0}'));
    const definition = await compileProcess(xml);
    const driver = new Driver(definition).start({ variables: { amount: 1000 } });
    expect(driver.openTasks()).toEqual([]);
    expect(driver.status).toBe('active');
    const [incident] = Object.values(driver.state.incidents);
    expect(incident).toMatchObject({ elementId: 'route', kind: 'gateway' });
    expect(driver.effectTypes()).toContain('incident.created');
    driver.apply(setVariables(definition, driver.state, { variables: { amount: 200000 }, now: driver.now }));
    driver.apply(retryIncident(definition, driver.state, incident!.id, { now: driver.now }));
    expect(driver.openTasks()).toEqual(['manager']);
    expect(driver.state.incidents).toEqual({});
  });
});
