import type { AppManifest } from '../../manifest/manifest';
import { readBpmnReferences } from '../bpmn-references';
import { ValidationContext } from '../validation-context';
import { checkScenario } from './scenarios';

const manifest: AppManifest = {
  key: 'demo',
  version: '1.0.0',
  name: { 'zh-CN': '演示', en: 'Demo' },
  description: { 'zh-CN': '演示', en: 'Demo' },
  roles: [{ key: 'clerk', name: { 'zh-CN': '柜员', en: 'Clerk' } }],
  navigation: [],
};

function context(): ValidationContext {
  const result = new ValidationContext(manifest);
  result.processes.set('review', {
    file: 'processes/review.bpmn',
    references: readBpmnReferences('<bpmn:definitions><bpmn:process id="review"><bpmn:userTask id="check" /></bpmn:process></bpmn:definitions>'),
  });
  return result;
}

const title = { 'zh-CN': '场景', en: 'Scenario' };

describe('checkScenario', () => {
  it('judges a malformed step by the shape of its own action only', () => {
    const target = context();
    checkScenario(target, 'scenarios/a.json', {
      key: 'a',
      title,
      kind: 'happyPath',
      steps: [
        { action: 'startProcess', as: 'clerk', process: 'review', save: 'run' },
        { action: 'completeTask', as: 'clerk', task: { instance: '$run' }, data: {}, colour: 'red' },
        { action: 'teleport', as: 'clerk' },
      ],
    });
    expect(target.problems.map((problem) => [problem.path, problem.message.en])).toEqual([
      ['steps[1]', 'unknown property "colour"'],
      ['steps[1].task', 'missing required property "element"'],
      ['steps[2].action', expect.stringMatching(/^must be one of: createRecord, updateRecord, startProcess/)],
    ]);
  });

  it('names a process, an element or a saved name that does not exist', () => {
    const target = context();
    checkScenario(target, 'scenarios/b.json', {
      key: 'b',
      title,
      kind: 'rejection',
      steps: [
        { action: 'startProcess', as: 'clerk', process: 'reveiw', save: 'typo' },
        { action: 'startProcess', as: 'clerk', process: 'review', save: 'run' },
        { action: 'completeTask', as: 'clerk', task: { instance: '$run', element: 'approve' }, data: {} },
        { action: 'expectInstance', instance: '$later', status: 'completed' },
      ],
    });
    expect(target.problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['reference.process.unknown', 'steps[0].process'],
      ['scenario.element', 'steps[2].task.element'],
      ['scenario.reference', 'steps[3].instance'],
    ]);
  });
});
