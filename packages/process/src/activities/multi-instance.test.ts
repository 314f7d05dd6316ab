import { compileProcess } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

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
