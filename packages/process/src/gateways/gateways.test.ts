import { compileProcess, retryIncident, setVariables } from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
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

describe('conditional sequence flows', () => {
  it('an activity takes every outgoing flow whose condition holds, and its default flow otherwise', async () => {
    const xml = bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="assess" default="plain" />
      <bpmn:userTask id="collateralCheck" /><bpmn:userTask id="guarantorCheck" /><bpmn:userTask id="archive" /><bpmn:endEvent id="end" />
      ${flow('f0', 'start', 'assess')}
      ${flow('c1', 'assess', 'collateralCheck', '${secured}')}
      ${flow('c2', 'assess', 'guarantorCheck', '${guaranteed}')}
      ${flow('plain', 'assess', 'archive')}
      ${flow('e1', 'collateralCheck', 'end')}${flow('e2', 'guarantorCheck', 'end')}${flow('e3', 'archive', 'end')}`);
    const definition = await compileProcess(xml);
    expect(new Driver(definition).start().complete('assess', { secured: true, guaranteed: true }).openTasks()).toEqual(['collateralCheck', 'guarantorCheck']);
    expect(new Driver(definition).start().complete('assess', { secured: false, guaranteed: false }).openTasks()).toEqual(['archive']);
  });
});
