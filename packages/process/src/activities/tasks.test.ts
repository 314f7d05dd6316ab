import type { DecisionTableDefinition, RuleSetDefinition } from '@tessera/rules';
import { compileProcess, retryIncident } from '../index';
import { bpmn, chain } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

const single = (task: string, extraRoot = '') =>
  bpmn(`<bpmn:startEvent id="start" />${task}<bpmn:userTask id="after" /><bpmn:endEvent id="end" />${chain('f', 'start', 'task', 'after', 'end')}`, {
    extraRoot,
  });

const gradeTable: DecisionTableDefinition = {
  id: 'creditGrade',
  hitPolicy: 'FIRST',
  inputs: [{ id: 'score', expression: { var: 'score' }, type: 'number' }],
  outputs: [{ id: 'grade', type: 'string' }],
  rows: [
    { when: ['>= 700'], then: ['A'] },
    { when: ['>= 600'], then: ['B'] },
    { when: ['-'], then: ['C'] },
  ],
};

describe('user task', () => {
  it('is assigned to a user from an expression, with form key, priority and due date', async () => {
    const definition = await compileProcess(
      single(`<bpmn:userTask id="task" name="Credit review" tessera:assignee="\${officer}" tessera:formKey="loan-review" tessera:priority="80" tessera:dueDate="P1D" />`),
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
      single(`<bpmn:userTask id="task" tessera:candidateRoles="credit-officer, risk-officer" tessera:candidateUsers="\${backups}" />`),
    );
    const driver = new Driver(definition).start({ variables: { backups: ['zhao', 'qian'] } });
    expect(driver.task('task')).toMatchObject({ candidateRoles: ['credit-officer', 'risk-officer'], candidateUsers: ['zhao', 'qian'] });
    expect(driver.task('task').assignee).toBeUndefined();
  });

  it('writes the submitted data to the process variables', async () => {
    const definition = await compileProcess(single(`<bpmn:userTask id="task" />`));
    const driver = new Driver(definition).start().complete('task', { approved: true, limit: '300000.00' }, 'li');
    expect(driver.state.variables).toMatchObject({ approved: true, limit: '300000.00' });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'task.completed', by: 'li', data: { approved: true, limit: '300000.00' } }));
    expect(driver.log.filter((effect) => effect.type === 'history' && effect.event.kind === 'variable.set')).toHaveLength(2);
  });

  it('maps the submitted data through output parameters when it has them', async () => {
    const definition = await compileProcess(
      single(`<bpmn:userTask id="task"><bpmn:extensionElements><tessera:inputOutput>
        <tessera:outputParameter name="approved">\${decision == "approve"}</tessera:outputParameter>
      </tessera:inputOutput></bpmn:extensionElements></bpmn:userTask>`),
    );
    const driver = new Driver(definition).start().complete('task', { decision: 'approve' });
    expect(driver.state.variables).toEqual({ approved: true });
  });
});

describe('service task', () => {
  it('requests a job with its input parameters and stores the result', async () => {
    const definition = await compileProcess(
      single(`<bpmn:serviceTask id="task" camunda:topic="credit-bureau"><bpmn:extensionElements><camunda:inputOutput>
        <camunda:inputParameter name="idNumber">\${applicant.idNumber}</camunda:inputParameter>
      </camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>`),
    );
    const driver = new Driver(definition).start({ variables: { applicant: { idNumber: '110101199003071234', name: '王' } } });
    expect(driver.effects).toContainEqual(
      expect.objectContaining({ type: 'job.requested', jobType: 'credit-bureau', elementId: 'task', variables: { idNumber: '110101199003071234' }, retry: 0 }),
    );
    driver.completeJob('task', { bureauScore: 710 });
    expect(driver.state.variables.bureauScore).toBe(710);
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('a failed job becomes an incident; retrying requests the job again', async () => {
    const definition = await compileProcess(single(`<bpmn:serviceTask id="task" tessera:jobType="core-banking" />`));
    const driver = new Driver(definition).start().failJob('task', { message: 'connection refused' });
    const [incident] = Object.values(driver.state.incidents);
    expect(incident).toMatchObject({ kind: 'job', elementId: 'task', message: 'connection refused' });
    driver.apply(retryIncident(definition, driver.state, incident!.id, { now: driver.now }));
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'job.requested', elementId: 'task', retry: 1 }));
    driver.completeJob('task');
    expect(driver.openTasks()).toEqual(['after']);
  });

  it('send tasks are jobs too, typed by tessera:jobType', async () => {
    const definition = await compileProcess(single(`<bpmn:sendTask id="task" tessera:jobType="sms" />`));
    const driver = new Driver(definition).start();
    expect(driver.job('task').jobType).toBe('sms');
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
    const definition = await compileProcess(single(`<bpmn:userTask id="task" tessera:assignmentRule="loanAssignment" />`), { ruleSets: { loanAssignment: assignment } });
    expect(new Driver(definition).start({ variables: { amount: 2000000 } }).task('task')).toMatchObject({ candidateRoles: ['credit-committee'] });
    expect(new Driver(definition).start({ variables: { amount: 10, branchManager: 'liu' } }).openTasks()).toEqual(['task:liu']);
  });

  it('names the task when the rule set is missing', async () => {
    await expect(compileProcess(single(`<bpmn:userTask id="task" tessera:assignmentRule="nope" />`))).rejects.toMatchObject({
      problems: [expect.objectContaining({ code: 'process.ruleSet.unknown', elementId: 'task' })],
    });
  });
});

describe('script task', () => {
  it('runs a rule set: set actions write variables, tags are kept, other actions go to the shell', async () => {
    const ruleSet: RuleSetDefinition = {
      id: 'kyc',
      rules: [
        {
          id: 'pep',
          when: { '==': [{ var: 'customer.pep' }, true] },
          actions: [
            { type: 'set', field: 'riskLevel', value: 'high' },
            { type: 'addTag', tag: 'PEP' },
            { type: 'notify', to: 'compliance', message: { 'zh-CN': '政要客户', en: 'politically exposed customer' } },
          ],
        },
      ],
    };
    const definition = await compileProcess(single(`<bpmn:scriptTask id="task" tessera:ruleSet="kyc" />`), { ruleSets: { kyc: ruleSet } });
    const driver = new Driver(definition).start({ variables: { customer: { pep: true }, tags: [] } });
    expect(driver.state.variables).toMatchObject({ riskLevel: 'high', tags: ['PEP'] });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'rule.action', elementId: 'task', action: expect.objectContaining({ type: 'notify' }) }));
  });

  it('evaluates a JSON-logic script into its result variable', async () => {
    const definition = await compileProcess(
      single(`<bpmn:scriptTask id="task" scriptFormat="json-logic" tessera:resultVariable="dti"><bpmn:script>{"/": [{"var": "debt"}, {"var": "income"}]}</bpmn:script></bpmn:scriptTask>`),
    );
    const driver = new Driver(definition).start({ variables: { debt: 3000, income: 10000 } });
    expect(driver.state.variables.dti).toBe(0.3);
    expect(driver.openTasks()).toEqual(['after']);
  });
});

describe('business-rule task', () => {
  it('evaluates the decision table supplied at compile time', async () => {
    const definition = await compileProcess(
      single(`<bpmn:businessRuleTask id="task" tessera:decisionTable="creditGrade" tessera:resultVariable="grade" />`),
      { decisionTables: { creditGrade: gradeTable } },
    );
    expect(new Driver(definition).start({ variables: { score: 720 } }).state.variables.grade).toBe('A');
    expect(new Driver(definition).start({ variables: { score: 610 } }).state.variables.grade).toBe('B');
    expect(new Driver(definition).start({ variables: { score: 100 } }).state.variables.grade).toBe('C');
  });

  it('accepts the Camunda decisionRef attribute', async () => {
    const definition = await compileProcess(single(`<bpmn:businessRuleTask id="task" camunda:decisionRef="creditGrade" camunda:resultVariable="g" />`), {
      decisionTables: { creditGrade: gradeTable },
    });
    expect(new Driver(definition).start({ variables: { score: 650 } }).state.variables.g).toBe('B');
  });
});

describe('receive and manual tasks', () => {
  it('a receive task waits for its message', async () => {
    const definition = await compileProcess(single(`<bpmn:receiveTask id="task" messageRef="m" />`, '<bpmn:message id="m" name="signedContract" />'));
    const driver = new Driver(definition).start({ businessKey: 'L-3' });
    expect(driver.openTasks()).toEqual([]);
    driver.message('signedContract', { contractNo: 'C-1' }, 'L-3');
    expect(driver.openTasks()).toEqual(['after']);
    expect(driver.state.variables.contractNo).toBe('C-1');
  });

  it('manual and plain tasks pass straight through', async () => {
    const definition = await compileProcess(single(`<bpmn:manualTask id="task" />`));
    expect(new Driver(definition).start().startedElements()).toEqual(['start', 'task', 'after']);
  });
});
