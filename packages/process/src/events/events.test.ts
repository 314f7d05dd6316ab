import { compileProcess, startTimerSchedule } from '../index';
import { bpmn, chain, flow, timerDefinition as timer } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('start events', () => {
  it('lists timer, message and signal start events so the shell can schedule and route them', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="daily">${timer('timeCycle', 'R/2026-12-01T01:00:00Z/P1D')}</bpmn:startEvent>
         <bpmn:startEvent id="byMessage"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
         <bpmn:startEvent id="bySignal"><bpmn:signalEventDefinition signalRef="s" /></bpmn:startEvent>
         <bpmn:userTask id="work" /><bpmn:endEvent id="end" />
         ${flow('a', 'daily', 'work')}${flow('b', 'byMessage', 'work')}${flow('c', 'bySignal', 'work')}${flow('d', 'work', 'end')}`,
        { extraRoot: '<bpmn:message id="m" name="loanApplied" /><bpmn:signal id="s" name="rateChanged" />' },
      ),
    );
    expect(definition.startEvents).toEqual([
      { elementId: 'daily', kind: 'timer', timer: { type: 'cycle', text: 'R/2026-12-01T01:00:00Z/P1D' } },
      { elementId: 'byMessage', kind: 'message', messageName: 'loanApplied' },
      { elementId: 'bySignal', kind: 'signal', signalName: 'rateChanged' },
    ]);
    const driver = new Driver(definition).start({ messageName: 'loanApplied' });
    expect(driver.startedElements()).toEqual(['byMessage', 'work']);
    expect(new Driver(definition).start({ signalName: 'rateChanged' }).startedElements()[0]).toBe('bySignal');
    expect(new Driver(definition).start({ startEventId: 'daily' }).openTasks()).toEqual(['work']);
    expect(startTimerSchedule(definition, 'daily', '2026-11-23T08:00:00Z')).toEqual({
      dueAt: '2026-12-01T01:00:00.000Z',
      cycle: { remaining: null, interval: 'P1D' },
    });
  });

  it('stores the starter in the initiator variable', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" tessera:initiator="applicant" /><bpmn:userTask id="t" tessera:assignee="\${applicant}" /><bpmn:endEvent id="end" />${chain('f', 'start', 't', 'end')}`),
    );
    const driver = new Driver(definition).start({ startedBy: 'wang' });
    expect(driver.state.variables.applicant).toBe('wang');
    expect(driver.openTasks()).toEqual(['t:wang']);
  });
});

describe('end events', () => {
  it('a terminate end event stops every other branch and ends the instance as terminated', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
        <bpmn:userTask id="a" /><bpmn:userTask id="b" /><bpmn:endEvent id="kill"><bpmn:terminateEventDefinition /></bpmn:endEvent><bpmn:endEvent id="end" />
        ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'a')}${flow('f2', 'fork', 'b')}${flow('f3', 'a', 'kill')}${flow('f4', 'b', 'end')}`),
    );
    const driver = new Driver(definition).start();
    driver.complete('a');
    expect(driver.status).toBe('terminated');
    expect(driver.openTasks()).toEqual([]);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'b', reason: 'terminated' }));
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'instance.ended', outcome: 'terminated', endEventId: 'kill' }));
  });

  it('message and signal end events announce what they send', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
         <bpmn:endEvent id="notify"><bpmn:messageEventDefinition messageRef="m" /></bpmn:endEvent>
         <bpmn:endEvent id="broadcast"><bpmn:signalEventDefinition signalRef="s" /></bpmn:endEvent>
         ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'notify')}${flow('f2', 'fork', 'broadcast')}`,
        { extraRoot: '<bpmn:message id="m" name="loanDecided" /><bpmn:signal id="s" name="portfolioChanged" />' },
      ),
    );
    const driver = new Driver(definition).start();
    expect(driver.status).toBe('completed');
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'message.sent', name: 'loanDecided', elementId: 'notify' }));
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'signal.thrown', name: 'portfolioChanged', elementId: 'broadcast' }));
  });

  it('an error end event inside a subprocess is caught by the error boundary event', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="checks">
           <bpmn:startEvent id="cs" /><bpmn:exclusiveGateway id="ok" default="good" />
           <bpmn:endEvent id="fraud"><bpmn:errorEventDefinition errorRef="fraudError" /></bpmn:endEvent><bpmn:endEvent id="ce" />
           ${flow('c1', 'cs', 'ok')}${flow('bad', 'ok', 'fraud', '${flagged}')}${flow('good', 'ok', 'ce')}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="onFraud" attachedToRef="checks"><bpmn:errorEventDefinition errorRef="fraudError" /></bpmn:boundaryEvent>
         <bpmn:userTask id="investigate" /><bpmn:userTask id="approve" /><bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
         ${flow('f0', 'start', 'checks')}${chain('n', 'checks', 'approve', 'e1')}${chain('x', 'onFraud', 'investigate', 'e2')}`,
        { extraRoot: '<bpmn:error id="fraudError" errorCode="FRAUD" />' },
      ),
    );
    expect(new Driver(definition).start({ variables: { flagged: false } }).openTasks()).toEqual(['approve']);
    const driver = new Driver(definition).start({ variables: { flagged: true } });
    expect(driver.openTasks()).toEqual(['investigate']);
    expect(driver.state.variables.errorCode).toBe('FRAUD');
    expect(Object.keys(driver.state.scopes)).toEqual(['root']);
  });

  it('an error nobody catches becomes an incident', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:endEvent id="boom"><bpmn:errorEventDefinition /></bpmn:endEvent>${flow('f', 'start', 'boom')}`),
    );
    const driver = new Driver(definition).start();
    expect(driver.status).toBe('active');
    expect(Object.values(driver.state.incidents)).toEqual([expect.objectContaining({ elementId: 'boom', kind: 'error' })]);
  });

  it('an escalation end event reaches a non-interrupting boundary event while the subprocess goes on', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" />
         <bpmn:subProcess id="handle">
           <bpmn:startEvent id="hs" /><bpmn:parallelGateway id="hf" /><bpmn:endEvent id="raise"><bpmn:escalationEventDefinition escalationRef="vip" /></bpmn:endEvent>
           <bpmn:userTask id="work" /><bpmn:endEvent id="he" />
           ${flow('h1', 'hs', 'hf')}${flow('h2', 'hf', 'raise')}${flow('h3', 'hf', 'work')}${flow('h4', 'work', 'he')}
         </bpmn:subProcess>
         <bpmn:boundaryEvent id="onVip" attachedToRef="handle" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="vip" /></bpmn:boundaryEvent>
         <bpmn:userTask id="informManager" /><bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
         ${flow('f0', 'start', 'handle')}${flow('f1', 'handle', 'e1')}${chain('v', 'onVip', 'informManager', 'e2')}`,
        { extraRoot: '<bpmn:escalation id="vip" escalationCode="VIP" />' },
      ),
    );
    const driver = new Driver(definition).start();
    expect(driver.openTasks()).toEqual(['informManager', 'work']);
  });
});

describe('intermediate events', () => {
  it('a timer catch event waits for its timer', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="cooling">${timer('timeDuration', 'PT24H')}</bpmn:intermediateCatchEvent>
        <bpmn:userTask id="call" /><bpmn:endEvent id="end" />${chain('f', 'start', 'cooling', 'call', 'end')}`),
    );
    const driver = new Driver(definition).start();
    expect(driver.pendingTimers()).toEqual(['cooling/timerEvent']);
    expect(driver.timer('cooling').dueAt).toBe('2026-11-24T08:00:00.000Z');
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'timer.scheduled', dueAt: '2026-11-24T08:00:00.000Z' }));
    driver.fire('cooling');
    expect(driver.openTasks()).toEqual(['call']);
  });

  it('a timer date comes from a variable through an expression', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="until">${timer('timeDate', '${followUpAt}')}</bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end" />${chain('f', 'start', 'until', 'end')}`),
    );
    const driver = new Driver(definition).start({ variables: { followUpAt: '2026-12-01T09:00:00+08:00' } });
    expect(driver.timer('until').dueAt).toBe('2026-12-01T01:00:00.000Z');
  });

  it('a timer expression that gives no date stops that token with an incident, not the whole command', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="t" /><bpmn:intermediateCatchEvent id="until">${timer('timeDate', '${followUpAt}')}</bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end" />${chain('f', 'start', 't', 'until', 'end')}`),
    );
    const driver = new Driver(definition).start().complete('t', { followUpAt: 'next week' });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.completed', elementId: 't' }));
    expect(Object.values(driver.state.incidents)).toEqual([expect.objectContaining({ elementId: 'until', kind: 'error' })]);
  });

  it('a message catch event is correlated by its key and its payload becomes variables', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:intermediateCatchEvent id="wait" tessera:correlationKey="\${applicationNo}"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
         <bpmn:userTask id="next" /><bpmn:endEvent id="end" />${chain('f', 'start', 'wait', 'next', 'end')}`,
        { extraRoot: '<bpmn:message id="m" name="creditReport" />' },
      ),
    );
    const driver = new Driver(definition).start({ variables: { applicationNo: 'A-7' } });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'message.awaited', name: 'creditReport', correlationKey: 'A-7' }));
    expect(() => driver.message('creditReport', {}, 'A-8')).toThrow(/awaits no message/);
    driver.message('creditReport', { score: 720 }, 'A-7');
    expect(driver.openTasks()).toEqual(['next']);
    expect(driver.state.variables.score).toBe(720);
  });

  it('a signal catch event continues when the signal is delivered; a thrown signal reaches it inside the instance', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:parallelGateway id="fork" />
         <bpmn:intermediateCatchEvent id="listen"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateCatchEvent>
         <bpmn:userTask id="prepare" /><bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="s" /></bpmn:intermediateThrowEvent>
         <bpmn:userTask id="react" /><bpmn:endEvent id="e1" /><bpmn:endEvent id="e2" />
         ${flow('f0', 'start', 'fork')}${flow('f1', 'fork', 'listen')}${flow('f2', 'fork', 'prepare')}
         ${chain('l', 'listen', 'react', 'e1')}${chain('p', 'prepare', 'announce', 'e2')}`,
        { extraRoot: '<bpmn:signal id="s" name="ready" />' },
      ),
    );
    const driver = new Driver(definition).start();
    expect(driver.openTasks()).toEqual(['prepare']);
    driver.complete('prepare');
    expect(driver.openTasks()).toEqual(['react']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'signal.thrown', name: 'ready' }));
    const other = new Driver(definition).start().signal('ready');
    expect(other.openTasks()).toEqual(['prepare', 'react']);
  });

  it('a link throw event jumps to the link catch event of the same name', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="goTo"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateThrowEvent>
        <bpmn:intermediateCatchEvent id="arrive"><bpmn:linkEventDefinition name="page2" /></bpmn:intermediateCatchEvent>
        <bpmn:userTask id="continue" /><bpmn:endEvent id="end" />${flow('f0', 'start', 'goTo')}${chain('c', 'arrive', 'continue', 'end')}`),
    );
    expect(new Driver(definition).start().openTasks()).toEqual(['continue']);
  });

  it('a message throw event sends its input parameters as the payload', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" />
         <bpmn:intermediateThrowEvent id="tellCore"><bpmn:extensionElements><tessera:inputOutput>
           <tessera:inputParameter name="loanNo">\${applicationNo}</tessera:inputParameter></tessera:inputOutput></bpmn:extensionElements>
           <bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateThrowEvent>
         <bpmn:userTask id="t" /><bpmn:endEvent id="end" />${chain('f', 'start', 'tellCore', 't', 'end')}`,
        { extraRoot: '<bpmn:message id="m" name="loanBooked" />' },
      ),
    );
    const driver = new Driver(definition).start({ variables: { applicationNo: 'A-5' } });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'message.sent', name: 'loanBooked', payload: { loanNo: 'A-5' } }));
    expect(driver.openTasks()).toEqual(['t']);
  });

  it('an escalation throw event starts a non-interrupting escalation event subprocess and carries on', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="flag"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:intermediateThrowEvent>
         <bpmn:userTask id="t" /><bpmn:endEvent id="end" />${chain('f', 'start', 'flag', 't', 'end')}
         <bpmn:subProcess id="onEscalation" triggeredByEvent="true">
           <bpmn:startEvent id="caught" isInterrupting="false"><bpmn:escalationEventDefinition escalationRef="x" /></bpmn:startEvent>
           <bpmn:userTask id="supervisorReview" /><bpmn:endEvent id="se" />${chain('s', 'caught', 'supervisorReview', 'se')}
         </bpmn:subProcess>`,
        { extraRoot: '<bpmn:escalation id="x" escalationCode="LARGE_EXPOSURE" />' },
      ),
    );
    const driver = new Driver(definition).start();
    expect(driver.openTasks()).toEqual(['supervisorReview', 't']);
    expect(driver.state.variables.escalationCode).toBe('LARGE_EXPOSURE');
  });

  it('a none intermediate throw event passes straight through', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:intermediateThrowEvent id="milestone" /><bpmn:userTask id="t" /><bpmn:endEvent id="end" />${chain('f', 'start', 'milestone', 't', 'end')}`),
    );
    expect(new Driver(definition).start().startedElements()).toEqual(['start', 'milestone', 't']);
  });
});
