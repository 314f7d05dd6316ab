import {
  claimTask,
  compileProcess,
  delegateTask,
  ProcessError,
  remindTask,
  returnToStep,
  transferTask,
  unclaimTask,
  withdraw,
} from '../index';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

const linear = bpmn(`<bpmn:startEvent id="start" />
  <bpmn:userTask id="apply" tessera:assignee="\${applicant}" />
  <bpmn:userTask id="review" tessera:candidateRoles="credit-officer" />
  <bpmn:userTask id="approve" tessera:assignee="boss" />
  <bpmn:endEvent id="end" />${chain('f', 'start', 'apply', 'review', 'approve', 'end')}`);

async function linearDriver() {
  return new Driver(await compileProcess(linear)).start({ variables: { applicant: 'wang' }, startedBy: 'wang' });
}

function errorCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ProcessError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('claim and unclaim', () => {
  it('a candidate claims an unassigned task, and can give it back', async () => {
    const driver = (await linearDriver()).complete('apply');
    const task = driver.task('review');
    driver.apply(claimTask(driver.definition, driver.state, task.id, { by: 'li', roles: ['credit-officer'], now: driver.now }));
    expect(driver.task('review')).toMatchObject({ assignee: 'li', claimedAt: driver.now, touched: true });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.updated', change: 'claimed' }));
    driver.apply(unclaimTask(driver.definition, driver.state, task.id, { by: 'li', now: driver.now }));
    expect(driver.task('review').assignee).toBeUndefined();
  });

  it('refuses a second claim and a user who is not a candidate', async () => {
    const driver = (await linearDriver()).complete('apply');
    const taskId = driver.task('review').id;
    expect(errorCode(() => claimTask(driver.definition, driver.state, taskId, { by: 'zhou', roles: ['teller'], now: driver.now }))).toBe('task.notCandidate');
    driver.claim('review', 'li');
    expect(errorCode(() => claimTask(driver.definition, driver.state, taskId, { by: 'zhou', now: driver.now }))).toBe('task.alreadyClaimed');
  });
});

describe('delegate', () => {
  it('the delegate works on the task, then it returns to the owner, who completes it with the delegate data', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li');
    driver.apply(delegateTask(driver.definition, driver.state, driver.task('review').id, { to: 'chen', by: 'li', now: driver.now }));
    expect(driver.task('review')).toMatchObject({ assignee: 'chen', owner: 'li', delegationState: 'pending' });
    driver.complete('review', { valuation: 900000 }, 'chen');
    expect(driver.task('review')).toMatchObject({ assignee: 'li', delegationState: 'resolved' });
    expect(driver.state.variables.valuation).toBeUndefined();
    driver.complete('review', { approved: true }, 'li');
    expect(driver.state.variables).toMatchObject({ valuation: 900000, approved: true });
    expect(driver.openTasks()).toEqual(['approve:boss']);
  });
});

describe('transfer 转交', () => {
  it('hands the task to another user for good', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li');
    driver.apply(transferTask(driver.definition, driver.state, driver.task('review').id, { to: 'zhou', by: 'li', now: driver.now }));
    expect(driver.openTasks()).toEqual(['review:zhou']);
    expect(driver.log).toContainEqual(
      expect.objectContaining({ type: 'history', event: expect.objectContaining({ kind: 'task.transferred', detail: { from: 'li', to: 'zhou' } }) }),
    );
    driver.complete('review');
    expect(driver.openTasks()).toEqual(['approve:boss']);
  });
});

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

describe('return 退回', () => {
  it('moves the token back to an earlier completed step, assigned to whoever completed it', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li').complete('review');
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('approve').id, { toElementId: 'review', by: 'boss', comment: '补充材料', now: driver.now }));
    expect(driver.openTasks()).toEqual(['review:li']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'approve', reason: 'returned' }));
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('review').id, { toElementId: 'apply', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
  });

  it('refuses a step that was never completed or lies downstream', async () => {
    const driver = (await linearDriver()).complete('apply');
    const taskId = driver.task('review').id;
    expect(errorCode(() => returnToStep(driver.definition, driver.state, taskId, { toElementId: 'approve', now: driver.now }))).toBe('return.targetNotCompleted');
    expect(errorCode(() => returnToStep(driver.definition, driver.state, taskId, { toElementId: 'start', now: driver.now }))).toBe('return.targetNotUserTask');
  });

  const parallel = bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="apply" /><bpmn:parallelGateway id="fork" />
    <bpmn:userTask id="credit" /><bpmn:userTask id="risk" /><bpmn:parallelGateway id="join" /><bpmn:userTask id="approve" /><bpmn:endEvent id="end" />
    ${chain('a', 'start', 'apply', 'fork')}${flow('p1', 'fork', 'credit')}${flow('p2', 'fork', 'risk')}
    ${flow('j1', 'credit', 'join')}${flow('j2', 'risk', 'join')}${chain('z', 'join', 'approve', 'end')}`);

  it('returning from one parallel branch to before the fork cancels the sibling branch', async () => {
    const driver = new Driver(await compileProcess(parallel)).start().complete('apply', {}, 'wang').complete('credit', {}, 'li');
    expect(driver.openTasks()).toEqual(['risk']);
    expect(errorCode(() => returnToStep(driver.definition, driver.state, driver.task('risk').id, { toElementId: 'credit', now: driver.now }))).toBe(
      'return.targetNotUpstream',
    );
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('risk').id, { toElementId: 'apply', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
    expect(driver.state.joins).toEqual({});
    driver.complete('apply');
    expect(driver.openTasks()).toEqual(['credit', 'risk']);
  });

  it('returning after the join into one branch redoes only that branch', async () => {
    const driver = new Driver(await compileProcess(parallel)).start().complete('apply', {}, 'wang').complete('credit', {}, 'li').complete('risk', {}, 'zhou');
    driver.apply(returnToStep(driver.definition, driver.state, driver.task('approve').id, { toElementId: 'credit', now: driver.now }));
    expect(driver.openTasks()).toEqual(['credit:li']);
    driver.complete('credit');
    expect(driver.openTasks()).toEqual(['approve']);
  });
});

describe('return out of a subprocess', () => {
  it('cancels the subprocess and redoes the step before it', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="apply" />
        <bpmn:subProcess id="checks"><bpmn:startEvent id="cs" /><bpmn:userTask id="verify" /><bpmn:endEvent id="ce" />${chain('c', 'cs', 'verify', 'ce')}</bpmn:subProcess>
        <bpmn:endEvent id="end" />${chain('f', 'start', 'apply', 'checks', 'end')}`),
    );
    const driver = new Driver(definition).start().complete('apply', {}, 'wang');
    driver.apply(returnToStep(definition, driver.state, driver.task('verify').id, { toElementId: 'apply', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
    expect(Object.keys(driver.state.scopes)).toEqual(['root']);
    driver.complete('apply');
    expect(driver.openTasks()).toEqual(['verify']);
  });
});

describe('withdraw 撤回', () => {
  it('the last actor takes the step back while the next task is untouched', async () => {
    const driver = (await linearDriver()).complete('apply');
    driver.apply(withdraw(driver.definition, driver.state, { by: 'wang', now: driver.now }));
    expect(driver.openTasks()).toEqual(['apply:wang']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.cancelled', elementId: 'review', reason: 'withdrawn' }));
  });

  it('is refused once the next task has been claimed', async () => {
    const driver = (await linearDriver()).complete('apply').claim('review', 'li');
    expect(errorCode(() => withdraw(driver.definition, driver.state, { by: 'wang', now: driver.now }))).toBe('withdraw.alreadyTaken');
    expect(errorCode(() => withdraw(driver.definition, driver.state, { by: 'stranger', now: driver.now }))).toBe('withdraw.notAllowed');
  });

  it('the starter withdraws the whole application before anyone has acted', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:candidateRoles="credit-officer" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
    );
    const driver = new Driver(definition).start({ startedBy: 'wang' });
    driver.apply(withdraw(definition, driver.state, { by: 'wang', now: driver.now }));
    expect(driver.status).toBe('withdrawn');
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'instance.ended', outcome: 'withdrawn' }));
  });
});

describe('reminders 催办 and SLA escalation', () => {
  it('a manual reminder is announced to the shell', async () => {
    const driver = (await linearDriver()).complete('apply');
    driver.apply(remindTask(driver.definition, driver.state, driver.task('review').id, { by: 'wang', now: driver.now }));
    expect(driver.effects[0]).toMatchObject({ type: 'task.reminded', by: 'wang', automatic: false });
  });

  it('tessera:sla, remindEvery and escalateTo expand to a due date, reminder timers and an escalation timer', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:candidateRoles="credit-officer" tessera:sla="PT8H" tessera:remindEvery="PT4H" tessera:escalateTo="credit-manager" />
        <bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
    );
    const driver = new Driver(definition).start();
    expect(driver.task('review').dueAt).toBe('2026-11-23T16:00:00.000Z');
    expect(driver.pendingTimers()).toEqual(['review/reminder', 'review/sla']);
    driver.fire('review', 'reminder');
    expect(driver.effects[1]).toMatchObject({ type: 'task.reminded', automatic: true });
    expect(driver.timer('review', 'reminder').dueAt).toBe('2026-11-23T16:00:00.000Z');
    driver.fire('review', 'sla');
    expect(driver.task('review')).toMatchObject({ escalated: true, candidateRoles: ['credit-officer', 'credit-manager'] });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.escalated', role: 'credit-manager' }));
    driver.complete('review');
    expect(driver.pendingTimers()).toEqual([]);
  });

  it('an SLA in working days skips the weekend and the calendar holidays', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:sla="P2WD" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
      { calendar: { holidays: ['2026-11-30'] } },
    );
    const driver = new Driver(definition);
    driver.clock = Date.parse('2026-11-27T02:00:00Z'); // Friday 10:00 in Beijing
    driver.start();
    expect(driver.task('review').dueAt).toBe('2026-12-02T02:00:00.000Z'); // Monday is a holiday: Tuesday, Wednesday
  });
});
