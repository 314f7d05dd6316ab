import type { DecisionTableDefinition, RuleSetDefinition } from '@tessera/rules';
import { compileProcess } from '../index';
import { Driver } from '../test-support/driver';
import { singleTask } from '../test-support/single-task';

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
    const definition = await compileProcess(singleTask(`<bpmn:scriptTask id="task" tessera:ruleSet="kyc" />`), { ruleSets: { kyc: ruleSet } });
    const driver = new Driver(definition).start({ variables: { customer: { pep: true }, tags: [] } });
    expect(driver.state.variables).toMatchObject({ riskLevel: 'high', tags: ['PEP'] });
    expect(driver.effects).toContainEqual(expect.objectContaining({ type: 'rule.action', elementId: 'task', action: expect.objectContaining({ type: 'notify' }) }));
  });

  it('evaluates a JSON-logic script into its result variable', async () => {
    const definition = await compileProcess(
      singleTask(`<bpmn:scriptTask id="task" scriptFormat="json-logic" tessera:resultVariable="dti"><bpmn:script>{"/": [{"var": "debt"}, {"var": "income"}]}</bpmn:script></bpmn:scriptTask>`),
    );
    const driver = new Driver(definition).start({ variables: { debt: 3000, income: 10000 } });
    expect(driver.state.variables.dti).toBe(0.3);
    expect(driver.openTasks()).toEqual(['after']);
  });
});

describe('business-rule task', () => {
  it('evaluates the decision table supplied at compile time', async () => {
    const definition = await compileProcess(
      singleTask(`<bpmn:businessRuleTask id="task" tessera:decisionTable="creditGrade" tessera:resultVariable="grade" />`),
      { decisionTables: { creditGrade: gradeTable } },
    );
    expect(new Driver(definition).start({ variables: { score: 720 } }).state.variables.grade).toBe('A');
    expect(new Driver(definition).start({ variables: { score: 610 } }).state.variables.grade).toBe('B');
    expect(new Driver(definition).start({ variables: { score: 100 } }).state.variables.grade).toBe('C');
  });

  it('accepts the Camunda decisionRef attribute', async () => {
    const definition = await compileProcess(singleTask(`<bpmn:businessRuleTask id="task" camunda:decisionRef="creditGrade" camunda:resultVariable="g" />`), {
      decisionTables: { creditGrade: gradeTable },
    });
    expect(new Driver(definition).start({ variables: { score: 650 } }).state.variables.g).toBe('B');
  });
});
