import { completeCallActivity, compileProcess } from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('embedded subprocess', () => {
  it('runs its inner flow and continues after it when the inner flow ends', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="kyc"><bpmn:startEvent id="ks" /><bpmn:userTask id="verifyId" /><bpmn:userTask id="verifyAddress" /><bpmn:endEvent id="ke" />
          ${chain('k', 'ks', 'verifyId', 'verifyAddress', 'ke')}</bpmn:subProcess>
        <bpmn:userTask id="decide" /><bpmn:endEvent id="end" />${chain('f', 'start', 'kyc', 'decide', 'end')}`),
    );
    const driver = new Driver(definition).start();
    expect(driver.openTasks()).toEqual(['verifyId']);
    driver.complete('verifyId').complete('verifyAddress');
    expect(driver.openTasks()).toEqual(['decide']);
    expect(Object.keys(driver.state.scopes)).toEqual(['root']);
  });
});

describe('event subprocess', () => {
  const model = (interrupting: boolean) =>
    bpmn(
      `<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}
       <bpmn:subProcess id="onComplaint" triggeredByEvent="true">
         <bpmn:startEvent id="complaint" isInterrupting="${interrupting}"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
         <bpmn:userTask id="handleComplaint" /><bpmn:endEvent id="ce" />${chain('c', 'complaint', 'handleComplaint', 'ce')}
       </bpmn:subProcess>
       <bpmn:subProcess id="onTimeout" triggeredByEvent="true">
         <bpmn:startEvent id="late"><bpmn:timerEventDefinition><bpmn:timeDuration>P30D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
         <bpmn:endEvent id="te"><bpmn:terminateEventDefinition /></bpmn:endEvent>${flow('t1', 'late', 'te')}
       </bpmn:subProcess>`,
      { extraRoot: '<bpmn:message id="m" name="complaintFiled" />' },
    );

  it('a non-interrupting one runs beside the main flow and keeps listening', async () => {
    const driver = new Driver(await compileProcess(model(false))).start({ businessKey: 'L-1' });
    expect(driver.pendingTimers()).toEqual(['late/eventSubprocess']);
    driver.message('complaintFiled');
    expect(driver.openTasks()).toEqual(['handleComplaint', 'review']);
    driver.message('complaintFiled');
    expect(driver.openTasks()).toEqual(['handleComplaint', 'handleComplaint', 'review']);
    driver.complete('review');
    expect(driver.status).toBe('active');
    driver.complete('handleComplaint').complete('handleComplaint');
    expect(driver.status).toBe('completed');
  });

  it('an interrupting one cancels the main flow and the instance ends with it', async () => {
    const driver = new Driver(await compileProcess(model(true))).start();
    driver.message('complaintFiled');
    expect(driver.openTasks()).toEqual(['handleComplaint']);
    expect(driver.pendingTimers()).toEqual([]);
    driver.complete('handleComplaint');
    expect(driver.status).toBe('completed');
  });

  it('a timer start event starts it when due; its terminate end event ends only the event subprocess', async () => {
    const driver = new Driver(await compileProcess(model(true))).start();
    driver.fire('late');
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'review', reason: 'interrupted' }));
    expect(driver.status).toBe('completed');
  });
});

describe('error event subprocess', () => {
  it('catches a job error code the failing task has no boundary event for', async () => {
    const definition = await compileProcess(
      bpmn(
        `<bpmn:startEvent id="start" /><bpmn:serviceTask id="score" tessera:jobType="bureau" /><bpmn:userTask id="decide" /><bpmn:endEvent id="end" />
         ${chain('f', 'start', 'score', 'decide', 'end')}
         <bpmn:subProcess id="onBureauDown" triggeredByEvent="true">
           <bpmn:startEvent id="down"><bpmn:errorEventDefinition errorRef="e" /></bpmn:startEvent><bpmn:userTask id="manualScore" /><bpmn:endEvent id="me" />
           ${chain('m', 'down', 'manualScore', 'me')}
         </bpmn:subProcess>`,
        { extraRoot: '<bpmn:error id="e" errorCode="BUREAU_DOWN" />' },
      ),
    );
    const driver = new Driver(definition).start().failJob('score', { code: 'BUREAU_DOWN' });
    expect(driver.openTasks()).toEqual(['manualScore']);
    expect(driver.state.jobs).toEqual({});
    driver.complete('manualScore');
    expect(driver.status).toBe('completed');
  });
});

describe('call activity', () => {
  it('asks for the child with mapped-in variables and maps its variables out when it ends', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:callActivity id="collateral" calledElement="collateral-valuation">
          <bpmn:extensionElements>
            <camunda:in source="propertyId" target="assetId" />
            <camunda:in businessKey="\${applicationNo}" />
            <tessera:in sourceExpression="\${amount * 2}" target="ceiling" />
            <camunda:out source="value" target="collateralValue" />
          </bpmn:extensionElements>
        </bpmn:callActivity>
        <bpmn:userTask id="decide" /><bpmn:endEvent id="end" />${chain('f', 'start', 'collateral', 'decide', 'end')}`),
    );
    const driver = new Driver(definition).start({ variables: { propertyId: 'P-9', applicationNo: 'A-1', amount: 100 } });
    const request = driver.effects.find((effect) => effect.type === 'callActivity.requested');
    expect(request).toMatchObject({ calledElement: 'collateral-valuation', businessKey: 'A-1', variables: { assetId: 'P-9', ceiling: 200 } });
    const callId = (request as { callId: string }).callId;
    driver.apply(completeCallActivity(definition, driver.state, callId, { now: driver.now, variables: { value: 880000, internal: 'x' } }));
    expect(driver.state.variables.collateralValue).toBe(880000);
    expect(driver.state.variables.internal).toBeUndefined();
    expect(driver.openTasks()).toEqual(['decide']);
  });
});

describe('multi-instance', () => {
  const signers = (loop: string) =>
    bpmn(`<bpmn:startEvent id="start" />
      <bpmn:userTask id="sign" tessera:assignee="\${approver}">${loop}</bpmn:userTask>
      <bpmn:userTask id="after" /><bpmn:endEvent id="end" />${chain('f', 'start', 'sign', 'after', 'end')}`);
  const collection = (sequential: boolean, condition?: string) =>
    `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}" camunda:collection="approvers" camunda:elementVariable="approver">${
      condition ? `<bpmn:completionCondition xsi:type="bpmn:tFormalExpression">${condition}</bpmn:completionCondition>` : ''
    }</bpmn:multiInstanceLoopCharacteristics>`;
  const approvers = { approvers: ['zhao', 'qian', 'sun'] };

  it('countersign 会签: a parallel instance per approver, all must sign', async () => {
    const driver = new Driver(await compileProcess(signers(collection(false)))).start({ variables: approvers });
    expect(driver.openTasks()).toEqual(['sign:qian', 'sign:sun', 'sign:zhao']);
    expect(driver.task('sign', 'qian').loopCounter).toBe(1);
    driver.complete('sign', {}, 'zhao', 'zhao').complete('sign', {}, 'sun', 'sun');
    expect(driver.openTasks()).toEqual(['sign:qian']);
    driver.complete('sign', {}, 'qian', 'qian');
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('any-one-signs 或签: the first signature completes it and withdraws the others', async () => {
    const driver = new Driver(await compileProcess(signers(collection(false, '${nrOfCompletedInstances >= 1}')))).start({ variables: approvers });
    driver.complete('sign', { approved: true }, 'qian', 'qian');
    expect(driver.openTasks()).toEqual(['after']);
    expect(driver.effects.filter((effect) => effect.type === 'task.cancelled').map((effect) => (effect as { reason: string }).reason)).toEqual([
      'completionCondition',
      'completionCondition',
    ]);
  });

  it('ratio: completes once 60% have signed', async () => {
    const driver = new Driver(await compileProcess(signers(collection(false, '${nrOfCompletedInstances/nrOfInstances >= 0.6}')))).start({
      variables: { approvers: ['a', 'b', 'c', 'd', 'e'] },
    });
    driver.complete('sign', {}, 'a', 'a').complete('sign', {}, 'b', 'b');
    expect(driver.openTasks()).toHaveLength(3);
    driver.complete('sign', {}, 'c', 'c');
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('sequential: one approver after the other, in collection order', async () => {
    const driver = new Driver(await compileProcess(signers(collection(true)))).start({ variables: approvers });
    expect(driver.openTasks()).toEqual(['sign:zhao']);
    driver.complete('sign');
    expect(driver.openTasks()).toEqual(['sign:qian']);
    driver.complete('sign').complete('sign');
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('loop cardinality with loopCounter in expressions', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:userTask id="sign" tessera:assignee="kermit_\${loopCounter}"><bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>\${5-2}</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
        <bpmn:endEvent id="end" />${chain('f', 'start', 'sign', 'end')}`),
    );
    const driver = new Driver(definition).start();
    expect(driver.openTasks()).toEqual(['sign:kermit_0', 'sign:kermit_1', 'sign:kermit_2']);
  });

  it('a multi-instance subprocess runs one subprocess per item', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:subProcess id="perGuarantor"><bpmn:multiInstanceLoopCharacteristics tessera:collection="guarantors" tessera:elementVariable="guarantor" />
          <bpmn:startEvent id="gs" /><bpmn:userTask id="check" tessera:assignee="\${guarantor}" /><bpmn:endEvent id="ge" />${chain('g', 'gs', 'check', 'ge')}
        </bpmn:subProcess><bpmn:endEvent id="end" />${chain('f', 'start', 'perGuarantor', 'end')}`),
    );
    const driver = new Driver(definition).start({ variables: { guarantors: ['g1', 'g2'] } });
    expect(driver.openTasks()).toEqual(['check:g1', 'check:g2']);
    driver.complete('check', {}, 'g1', 'g1').complete('check', {}, 'g2', 'g2');
    expect(driver.status).toBe('completed');
    expect(Object.keys(driver.state.scopes)).toEqual(['root']);
  });

  it('an empty collection skips the activity', async () => {
    const driver = new Driver(await compileProcess(signers(collection(false)))).start({ variables: { approvers: [] } });
    expect(driver.openTasks()).toEqual(['after']);
  });
});
