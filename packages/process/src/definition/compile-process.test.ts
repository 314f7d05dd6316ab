import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionError } from '@tessera/rules';
import { bpmn, chain, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';
import { compileProcess } from './compile-process';

async function problemsOf(xml: string, options = {}) {
  try {
    await compileProcess(xml, options);
  } catch (error) {
    if (error instanceof DefinitionError) return error.problems;
    throw error;
  }
  throw new Error('the model compiled');
}

describe('compileProcess', () => {
  it('compiles a model into elements, flows and start events', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" name="Review" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
    );
    expect(definition.id).toBe('process');
    expect(Object.keys(definition.elements).sort()).toEqual(['end', 'review', 'start']);
    expect(definition.elements.review!.outgoing).toEqual(['f2']);
    expect(definition.startEvents).toEqual([{ elementId: 'start', kind: 'none' }]);
    expect([...definition.reachable.start!].sort()).toEqual(['end', 'review']);
  });

  it('rejects a file without the BPMN namespace', async () => {
    const problems = await problemsOf('<definitions id="x"><process id="p" /></definitions>');
    expect(problems.map((problem) => problem.code)).toEqual(['process.namespace.missing']);
    expect(problems[0]!.message['zh-CN']).toContain('命名空间');
  });

  it('rejects a file without a process', async () => {
    const xml = bpmn('').replace(/<bpmn:process[\s\S]*<\/bpmn:process>/, '');
    expect((await problemsOf(xml)).map((problem) => problem.code)).toEqual(['process.none']);
  });

  it('names every duplicate id', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" /><bpmn:userTask id="review" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
    );
    expect(problems).toContainEqual(expect.objectContaining({ code: 'process.id.duplicate', elementId: 'review' }));
  });

  it('lists every unsupported element by id, not only the first', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:complexGateway id="complex" />
        <bpmn:transaction id="tx" />
        <bpmn:scriptTask id="groovy" scriptFormat="groovy"><bpmn:script>println 1</bpmn:script></bpmn:scriptTask>
        <bpmn:intermediateCatchEvent id="cond"><bpmn:conditionalEventDefinition /></bpmn:intermediateCatchEvent>
        <bpmn:endEvent id="end" />${flow('f1', 'start', 'end')}`),
    );
    const ids = problems.map((problem) => problem.elementId);
    expect(ids).toEqual(expect.arrayContaining(['complex', 'tx', 'groovy', 'cond']));
    expect(problems.every((problem) => problem.message.en && problem.message['zh-CN'])).toBe(true);
  });

  it('reports expressions outside the safe subset with the flow id', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="end" />
        ${flow('f1', 'start', 'gw')}${flow('risky', 'gw', 'end', '${runtime.exec("rm")}')}`),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'process.expression.unsupported', elementId: 'risky' })]);
  });

  it('refuses a condition written as bare text, which would always hold', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" /><bpmn:endEvent id="end" />${flow('f1', 'start', 'gw')}${flow('approvedOnly', 'gw', 'end', 'approved')}`),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'process.expression.unsupported', elementId: 'approvedOnly' })]);
  });

  it('reports malformed timers and unknown decision tables with their element ids', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="start" />
        <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>two days</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
        <bpmn:businessRuleTask id="score" tessera:decisionTable="creditGrade" />
        <bpmn:endEvent id="end" />${chain('f', 'start', 'wait', 'score', 'end')}`),
    );
    expect(problems.map((problem) => [problem.code, problem.elementId])).toEqual([
      ['process.timer.invalid', 'wait'],
      ['process.decisionTable.unknown', 'score'],
    ]);
  });

  it('reports a misspelt tessera attribute', async () => {
    const problems = await problemsOf(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="review" tessera:asignee="li" /><bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`),
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'process.attribute.unknown', elementId: 'review' })]);
  });

  it('accepts Camunda 7 attributes whatever prefix the file gives the namespace', async () => {
    const xml = bpmn(`<bpmn:startEvent id="start" cam:initiator="starter" />
      <bpmn:userTask id="review" cam:assignee="\${starter}" cam:candidateGroups="credit,risk" cam:formKey="loan-review" cam:dueDate="P2D" />
      <bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`).replace(
      'xmlns:camunda="http://camunda.org/schema/1.0/bpmn"',
      'xmlns:cam="http://camunda.org/schema/1.0/bpmn"',
    );
    const definition = await compileProcess(xml);
    expect(definition.elements.start!.initiator).toBe('starter');
    expect(definition.elements.review!.userTask!.formKey).toBe('loan-review');
    expect(definition.elements.review!.userTask!.candidateRoles!({}, '')).toBe('credit,risk');
  });

  it('chooses the process named by processId', async () => {
    const xml = bpmn(`<bpmn:startEvent id="s1" />`).replace(
      '</bpmn:definitions>',
      '<bpmn:process id="other"><bpmn:startEvent id="s2" /></bpmn:process></bpmn:definitions>',
    );
    expect((await compileProcess(xml, { processId: 'other' })).id).toBe('other');
    expect((await problemsOf(xml, { processId: 'missing' })).map((problem) => problem.code)).toEqual(['process.unknown']);
  });
});

describe('a model saved by Camunda Modeler', () => {
  it('deploys with its collaboration, lanes, diagram and Camunda attributes, and runs', async () => {
    const definition = await compileProcess(readFileSync(join(__dirname, '../fixtures/camunda-modeler-loan.bpmn'), 'utf8'));
    expect(definition.id).toBe('personalLoan');
    const driver = new Driver(definition).start({ startedBy: 'wang', variables: { approvers: ['a', 'b', 'c'] } });
    expect(driver.state.variables.applicant).toBe('wang');
    expect(driver.task('Task_Review')).toMatchObject({ candidateRoles: ['credit-officer'], dueAt: '2026-11-26T08:00:00.000Z' });
    driver.claim('Task_Review', 'li').complete('Task_Review');
    expect(driver.openTasks()).toEqual(['Task_Countersign:a', 'Task_Countersign:b', 'Task_Countersign:c']);
    driver.complete('Task_Countersign', {}, 'a', 'a').complete('Task_Countersign', {}, 'b', 'b');
    expect(driver.status).toBe('completed');
  });
});

describe('static check against the process variables', () => {
  it('warns about conditions that read variables the process does not have, naming the flow', async () => {
    const definition = await compileProcess(
      bpmn(`<bpmn:startEvent id="start" /><bpmn:exclusiveGateway id="gw" default="low" />
        <bpmn:userTask id="sign" tessera:assignee="\${approver}"><bpmn:multiInstanceLoopCharacteristics tessera:collection="approvers" tessera:elementVariable="approver">
          <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">\${nrOfCompletedInstances &gt;= 1}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
        <bpmn:endEvent id="end" />
        ${flow('f0', 'start', 'gw')}${flow('high', 'gw', 'sign', '${amout > 500000}')}${flow('low', 'gw', 'end')}${flow('f2', 'sign', 'end')}`),
      { variables: { amount: 'money', approvers: 'array' } },
    );
    expect(definition.warnings).toEqual([expect.objectContaining({ elementId: 'high', severity: 'warning', message: expect.objectContaining({ en: expect.stringContaining('amout') }) })]);
  });

  it('checks nothing when no variables are declared', async () => {
    const definition = await compileProcess(bpmn(`<bpmn:startEvent id="start" /><bpmn:endEvent id="end" />${flow('f', 'start', 'end', '${whatever}')}`));
    expect(definition.warnings).toEqual([]);
  });
});
