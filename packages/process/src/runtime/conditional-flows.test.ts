import { compileProcess } from '../index';
import { bpmn, flow } from '../test-support/bpmn';
import { Driver } from '../test-support/driver';

describe('conditional sequence flows', () => {
  it('an activity takes every outgoing flow whose condition holds, and its default flow otherwise', async () => {
    const xml = bpmn(`<bpmn:startEvent id="start" /><bpmn:userTask id="assess" default="plain" />
      <bpmn:userTask id="collateralCheck" /><bpmn:userTask id="guarantorCheck" /><bpmn:userTask id="archive" /><bpmn:endEvent id="end" />
      ${flow('f0', 'start', 'assess')}
      ${flow('c1', 'assess', 'collateralCheck', '${secured}')}
      ${flow('c2', 'assess', 'guarantorCheck', '${guaranteed}')}
      ${flow('plain', 'assess', 'archive')}
      ${flow('e1', 'collateralCheck', 'end')}${flow('e2', 'guarantorCheck', 'end')}${flow('e3', 'archive', 'end')}`);
    const definition = await compileProcess(xml);
    expect(new Driver(definition).start().complete('assess', { secured: true, guaranteed: true }).openTasks()).toEqual(['collateralCheck', 'guarantorCheck']);
    expect(new Driver(definition).start().complete('assess', { secured: false, guaranteed: false }).openTasks()).toEqual(['archive']);
  });
});
