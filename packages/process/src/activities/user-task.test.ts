import type { RuleSetDefinition } from '@tessera/rules';
import { compileProcess } from '../index';
import { Driver } from '../test-support/driver';
import { singleTask } from '../test-support/single-task';

describe('user task', () => {
  it('is assigned to a user from an expression, with form key, priority and due date', async () => {
    const definition = await compileProcess(
      singleTask(`<bpmn:userTask id="task" name="Credit review" tessera:assignee="\${officer}" tessera:formKey="loan-review" tessera:priority="80" tessera:dueDate="P1D" />`),
    );
    const driver = new Driver(definition).start({ variables: { officer: 'li' } });
    expect(driver.task('task')).toMatchObject({
      name: 'Credit review',
      assignee: 'li',
      formKey: 'loan-review',
      priority: 80,
      dueAt: '2026-11-24T08:00:00.000Z',
      candidateUsers: [],
      candidateRoles: [],
    });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.created', task: expect.objectContaining({ assignee: 'li' }) }));
  });

  it('offers the task to candidate roles and users', async () => {
    const definition = await compileProcess(
      singleTask(`<bpmn:userTask id="task" tessera:candidateRoles="credit-officer, risk-officer" tessera:candidateUsers="\${backups}" />`),
    );
    const driver = new Driver(definition).start({ variables: { backups: ['zhao', 'qian'] } });
    expect(driver.task('task')).toMatchObject({ candidateRoles: ['credit-officer', 'risk-officer'], candidateUsers: ['zhao', 'qian'] });
    expect(driver.task('task').assignee).toBeUndefined();
  });

  it('writes the submitted data to the process variables', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:userTask id="task" />`));
    const driver = new Driver(definition).start().complete('task', { approved: true, limit: '300000.00' }, 'li');
    expect(driver.state.variables).toMatchObject({ approved: true, limit: '300000.00' });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.completed', by: 'li', data: { approved: true, limit: '300000.00' } }));
    expect(driver.log.filter((effect) => effect.type === 'history' && effect.event.kind === 'variable.set')).toHaveLength(2);
  });

  it('maps the submitted data through output parameters when it has them', async () => {
    const definition = await compileProcess(
      singleTask(`<bpmn:userTask id="task"><bpmn:extensionElements><tessera:inputOutput>
        <tessera:outputParameter name="approved">\${decision == "approve"}</tessera:outputParameter>
      </tessera:inputOutput></bpmn:extensionElements></bpmn:userTask>`),
    );
    const driver = new Driver(definition).start().complete('task', { decision: 'approve' });
    expect(driver.state.variables).toEqual({ approved: true });
  });
});

const assignment: RuleSetDefinition = {
  id: 'loanAssignment',
  mode: 'first',
  rules: [
    { id: 'large', when: { '>': [{ var: 'amount' }, 1000000] }, actions: [{ type: 'set', field: 'candidateRoles', value: ['credit-committee'] }] },
    { id: 'branch', when: true, actions: [{ type: 'set', field: 'assignee', value: { var: 'branchManager' } }] },
  ],
};

describe('user task assignment by rule', () => {
  it('runs the rule set named by tessera:assignmentRule', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:userTask id="task" tessera:assignmentRule="loanAssignment" />`), { ruleSets: { loanAssignment: assignment } });
    expect(new Driver(definition).start({ variables: { amount: 2000000 } }).task('task')).toMatchObject({ candidateRoles: ['credit-committee'] });
    expect(new Driver(definition).start({ variables: { amount: 10, branchManager: 'liu' } }).openTasks()).toEqual(['task:liu']);
  });

  it('names the task when the rule set is missing', async () => {
    await expect(compileProcess(singleTask(`<bpmn:userTask id="task" tessera:assignmentRule="nope" />`))).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'process.ruleSet.unknown', elementId: 'task' })],
    });
  });
});
