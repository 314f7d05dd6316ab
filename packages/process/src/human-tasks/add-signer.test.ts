import { compileProcess } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';
import { linearDriver } from '../test-support/loan-steps';

describe('add a signer 加签', () => {
  it('after: the added signer signs once the current assignee has', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li').addSigner('review', 'expert', 'after');
    driver.complete('review');
    expect(driver.openTasks()).toEqual(['review:expert']);
    driver.complete('review');
    expect(driver.openTasks()).toEqual(['approve:boss']);
  });

  it('before: the added signer signs first, then the task comes back', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li').addSigner('review', 'expert', 'before');
    expect(driver.openTasks()).toEqual(['review:expert']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', reason: 'signerAdded' }));
    driver.complete('review');
    expect(driver.openTasks()).toEqual(['review:li']);
    driver.complete('review');
    expect(driver.openTasks()).toEqual(['approve:boss']);
  });

  const countersign = (sequential: boolean) =>
    bpmn(`<bpmn:startEvent id="start" />
      <bpmn:userTask id="sign" tessera:assignee="\${approver}"><bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}" tessera:collection="approvers" tessera:elementVariable="approver" /></bpmn:userTask>
      <bpmn:endEvent id="end" />${chain('f', 'start', 'sign', 'end')}`);

  it('on a parallel countersign: adds one more instance', async () => {
    const driver = new Driver(await compileProcess(countersign(false))).start({ variables: { approvers: ['a', 'b'] } });
    driver.addSigner('sign', 'c', 'after', 'a');
    expect(driver.openTasks()).toEqual(['sign:a', 'sign:b', 'sign:c']);
    driver.complete('sign', {}, 'a', 'a').complete('sign', {}, 'b', 'b');
    expect(driver.status).toBe('active');
    driver.complete('sign', {}, 'c', 'c');
    expect(driver.status).toBe('completed');
  });

  it('on a sequential countersign: inserts after or before the current signer', async () => {
    const after = new Driver(await compileProcess(countersign(true))).start({ variables: { approvers: ['a', 'b'] } });
    after.addSigner('sign', 'x', 'after');
    const order: string[] = [];
    while (after.status === 'active') {
      order.push(after.tasks()[0]!.assignee!);
      after.complete('sign');
    }
    expect(order).toEqual(['a', 'x', 'b']);

    const before = new Driver(await compileProcess(countersign(true))).start({ variables: { approvers: ['a', 'b'] } });
    before.addSigner('sign', 'x', 'before');
    const beforeOrder: string[] = [];
    while (before.status === 'active') {
      beforeOrder.push(before.tasks()[0]!.assignee!);
      before.complete('sign');
    }
    expect(beforeOrder).toEqual(['x', 'a', 'b']);
  });
});
