import { addSigner, claimTask, compileProcess, completeTask, DefinitionError, delegateTask, ProcessError, retryIncident, returnToStep, setVariables, transferTask } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';
import { singleTask } from '../test-support/single-task';

/** Starter and account manager may never approve: the loan template's maker-checker rule. */
const approval = singleTask(
  `<bpmn:userTask id="task" tessera:candidateRoles="branch_manager" tessera:excludeUsers='[{"var":"submittedBy"},{"var":"accountManagerId"}]' />`,
).replace('<bpmn:startEvent id="start" />', '<bpmn:startEvent id="start" tessera:initiator="submittedBy" />');

async function approvalDriver(): Promise<Driver> {
  return new Driver(await compileProcess(approval)).start({ variables: { accountManagerId: 'zhao' }, startedBy: 'wang' });
}

function refusal(action: () => unknown): ProcessError {
  try {
    action();
  } catch (error) {
    if (error instanceof ProcessError) return error;
    throw error;
  }
  throw new Error('the command was not refused');
}

describe('excluded users (tessera:excludeUsers, maker-checker 四眼原则)', () => {
  it('are computed when the task is created, stored on it and announced in task.created', async () => {
    const driver = await approvalDriver();
    expect(driver.task('task').excludedUsers).toEqual(['wang', 'zhao']);
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.created', task: expect.objectContaining({ elementId: 'task', excludedUsers: ['wang', 'zhao'] }) }));
  });

  it('are left off a task whose rule names nobody', async () => {
    const driver = new Driver(await compileProcess(approval)).start({ variables: {} });
    expect(driver.task('task')).not.toHaveProperty('excludedUsers');
  });

  it('are computed for each multi-instance task from its own variables', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="sign" tessera:assignee="\${approver}" tessera:excludeUsers="deputy_\${approver}">
        <bpmn:multiInstanceLoopCharacteristics tessera:collection="approvers" tessera:elementVariable="approver" /></bpmn:userTask>
        <bpmn:endEvent id="end" />${chain('f', 'start', 'sign', 'end')}`),
    );
    const driver = new Driver(definition).start({ variables: { approvers: ['li', 'qian'] } });
    expect(driver.task('sign', 'li').excludedUsers).toEqual(['deputy_li']);
    expect(driver.task('sign', 'qian').excludedUsers).toEqual(['deputy_qian']);
    const created = driver.effects.filter((effect) => effect.type === 'task.created');
    expect(created.map((effect) => (effect.type === 'task.created' ? effect.task.excludedUsers : undefined))).toEqual([['deputy_li'], ['deputy_qian']]);
  });

  it('may not claim the task, with a bilingual error, while others still can', async () => {
    const driver = await approvalDriver();
    const taskId = driver.task('task').id;
    const error = refusal(() => claimTask(driver.definition, driver.state, taskId, { by: 'zhao', roles: ['branch_manager'], now: driver.now }));
    expect(error).toMatchObject({ code: 'task.userExcluded', details: { taskId, elementId: 'task' } });
    expect(error.messages.en).toContain('zhao is excluded from task task');
    expect(error.messages['zh-CN']).toContain('四眼原则');
    expect(driver.task('task').assignee).toBeUndefined();
    driver.apply(claimTask(driver.definition, driver.state, taskId, { by: 'liu', roles: ['branch_manager'], now: driver.now }));
    expect(driver.task('task').assignee).toBe('liu');
  });

  it('may not complete the task', async () => {
    const driver = await approvalDriver();
    const taskId = driver.task('task').id;
    expect(refusal(() => completeTask(driver.definition, driver.state, taskId, { by: 'wang', data: { decision: 'approve' }, now: driver.now })).code).toBe('task.userExcluded');
    expect(driver.state.variables).not.toHaveProperty('decision');
    driver.complete('task', { decision: 'approve' }, 'liu');
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('may not be delegated to, nor delegate', async () => {
    const driver = (await approvalDriver()).claim('task', 'liu');
    const taskId = driver.task('task').id;
    expect(refusal(() => delegateTask(driver.definition, driver.state, taskId, { to: 'zhao', by: 'liu', now: driver.now })).code).toBe('task.userExcluded');
    expect(refusal(() => delegateTask(driver.definition, driver.state, taskId, { to: 'chen', by: 'wang', now: driver.now })).code).toBe('task.userExcluded');
    expect(driver.task('task')).toMatchObject({ assignee: 'liu' });
    expect(driver.task('task').delegationState).toBeUndefined();
  });

  it('may not be transferred to, nor transfer', async () => {
    const driver = (await approvalDriver()).claim('task', 'liu');
    const taskId = driver.task('task').id;
    const error = refusal(() => transferTask(driver.definition, driver.state, taskId, { to: 'wang', by: 'liu', now: driver.now }));
    expect(error.code).toBe('task.userExcluded');
    expect(error.messages.en).toContain('cannot be given to wang');
    expect(refusal(() => transferTask(driver.definition, driver.state, taskId, { to: 'chen', by: 'zhao', now: driver.now })).code).toBe('task.userExcluded');
    expect(driver.openTasks()).toEqual(['task:liu']);
  });

  it('may not be added as a signer (加签), nor add one', async () => {
    const driver = (await approvalDriver()).claim('task', 'liu');
    const taskId = driver.task('task').id;
    expect(refusal(() => addSigner(driver.definition, driver.state, taskId, { user: 'zhao', position: 'before', by: 'liu', now: driver.now })).code).toBe('task.userExcluded');
    expect(refusal(() => addSigner(driver.definition, driver.state, taskId, { user: 'chen', position: 'after', by: 'wang', now: driver.now })).code).toBe('task.userExcluded');
    expect(driver.openTasks()).toEqual(['task:liu']);
    expect(driver.state.executions[driver.task('task').executionId]!.signerQueue).toBeUndefined();
  });

  it('make an assignee expression resolving to one of them an incident naming the element, not an assignment', async () => {
    const definition = await compileProcess(
      singleTask(`<bpmn:userTask id="task" tessera:assignee="\${approver}" tessera:excludeUsers="\${applicant}" />`),
    );
    const driver = new Driver(definition).start({ variables: { approver: 'wang', applicant: 'wang' } });
    expect(driver.tasks()).toEqual([]);
    const incident = Object.values(driver.state.incidents)[0]!;
    expect(incident).toMatchObject({ elementId: 'task', kind: 'error' });
    expect(incident.message).toContain('the assignee of task resolves to wang');
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'incident.created', incident: expect.objectContaining({ elementId: 'task' }) }));
    expect(driver.effects.some((effect) => effect.type === 'task.created')).toBe(false);
    driver.apply(setVariables(definition, driver.state, { variables: { approver: 'liu' }, now: driver.now }));
    driver.apply(retryIncident(definition, driver.state, incident.id, { now: driver.now }));
    expect(driver.openTasks()).toEqual(['task:liu']);
    expect(driver.task('task').excludedUsers).toEqual(['wang']);
  });

  it('make a return 退回 to a step completed by a user now excluded an incident, not a task for them', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:userTask id="task" tessera:candidateRoles="credit_officer" tessera:excludeUsers="\${blocked}" />`));
    const driver = new Driver(definition).start({ variables: {} }).complete('task', {}, 'li');
    driver.apply(setVariables(definition, driver.state, { variables: { blocked: 'li' }, now: driver.now }));
    driver.apply(returnToStep(definition, driver.state, driver.task('after').id, { toElementId: 'task', by: 'boss', now: driver.now }));
    expect(driver.tasks()).toEqual([]);
    expect(Object.values(driver.state.incidents)).toEqual([expect.objectContaining({ elementId: 'task', message: expect.stringContaining('resolves to li') })]);
  });

  it('make an expression that does not translate a DefinitionError naming the task', async () => {
    const compiling = compileProcess(singleTask(`<bpmn:userTask id="task" tessera:excludeUsers="\${users.stream().filter(x)}" />`));
    await expect(compiling).rejects.toBeInstanceOf(DefinitionError);
    await expect(compiling).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'process.expression.unsupported', elementId: 'task' })],
    });
  });
});

describe('excluded users in a countersign 会签', () => {
  it('stop only the excluded member with an incident; the others decide, and the incident closes with the step', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" tessera:initiator="submittedBy" />
        <bpmn:userTask id="countersign" tessera:assignee="\${member}" tessera:excludeUsers='[{"var":"submittedBy"},{"var":"accountManager"}]'>
          <bpmn:multiInstanceLoopCharacteristics tessera:collection="committee" tessera:elementVariable="member">
            <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances &gt;= 2}</bpmn:completionCondition>
          </bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
        <bpmn:endEvent id="end" />${chain('f', 'start', 'countersign', 'end')}`),
    );
    const driver = new Driver(definition).start({ variables: { committee: ['risk', 'boss', 'chief'], accountManager: 'boss' }, startedBy: 'wang' });
    expect(driver.openTasks()).toEqual(['countersign:chief', 'countersign:risk']);
    expect(Object.values(driver.state.incidents)).toEqual([expect.objectContaining({ elementId: 'countersign', message: expect.stringContaining('resolves to boss') })]);
    driver.complete('countersign', {}, undefined, 'risk').complete('countersign', {}, undefined, 'chief');
    expect(driver.status).toBe('completed');
    expect(driver.state.incidents).toEqual({});
    expect(driver.log).toContainEqual(expect.objectContaining({ type: 'incident.resolved' }));
  });
});
