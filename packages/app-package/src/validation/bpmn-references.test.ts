import { readBpmnReferences } from './bpmn-references';

describe('readBpmnReferences', () => {
  const xml = `<?xml version="1.0"?>
<!-- <bpmn:userTask id="commented_out" /> -->
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:tessera="http://tessera.dev/schema/bpmn/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
  <bpmn:process id="review_process">
    <bpmn:userTask id="check" tessera:formKey="request@review" tessera:candidateRoles="clerk, reviewer" tessera:escalateTo="manager" />
    <bpmn:userTask id="legacy" camunda:formKey='request' camunda:candidateGroups="auditor" />
    <bpmn:userTask id="orphan" name="Nobody &amp; nothing" />
    <bpmn:callActivity id="child" calledElement="other_process" />
  </bpmn:process>
  <bpmndi:BPMNDiagram><bpmndi:BPMNPlane bpmnElement="review_process"><bpmndi:BPMNShape id="check_di" bpmnElement="check" /></bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
</bpmn:definitions>`;

  it('reads form keys, roles and called processes with their element ids, from tessera and camunda attributes alike', () => {
    const references = readBpmnReferences(xml);
    expect(references.processIds).toEqual(['review_process']);
    expect(references.references.map(({ elementId, attribute, value }) => [elementId, attribute, value])).toEqual([
      ['check', 'formKey', 'request@review'],
      ['check', 'candidateRoles', 'clerk, reviewer'],
      ['check', 'escalateTo', 'manager'],
      ['legacy', 'formKey', 'request'],
      ['legacy', 'candidateRoles', 'auditor'],
      ['child', 'calledElement', 'other_process'],
    ]);
    expect(references.elementIds.has('commented_out')).toBe(false);
  });

  it('knows which elements are drawn and which user tasks nobody can work on', () => {
    const references = readBpmnReferences(xml);
    expect([...references.diagramElements]).toEqual(['check']);
    expect(references.unassignedUserTasks).toEqual(['orphan']);
  });
});
