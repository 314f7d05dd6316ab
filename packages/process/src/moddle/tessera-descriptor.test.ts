import { BpmnModdle } from 'bpmn-moddle';
import { bpmn, chain } from '../test-support/bpmn';
import { tesseraModdleDescriptor } from './tessera-descriptor';

describe('the tessera moddle descriptor', () => {
  it('reads and writes tessera attributes and extension elements unchanged, as the studio modeler does', async () => {
    const moddle = new BpmnModdle({ tessera: tesseraModdleDescriptor }) as unknown as {
      fromXML(xml: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
      toXML(element: unknown, options?: unknown): Promise<{ xml: string }>;
    };
    const xml = bpmn(`<bpmn:startEvent id="start" tessera:initiator="applicant" />
      <bpmn:userTask id="review" tessera:candidateRoles="credit-officer" tessera:sla="P2WD" tessera:remindEvery="PT4H" tessera:escalateTo="credit-manager" tessera:excludeUsers="\${applicant}">
        <bpmn:extensionElements><tessera:inputOutput><tessera:inputParameter name="limit">\${amount * 2}</tessera:inputParameter></tessera:inputOutput></bpmn:extensionElements>
      </bpmn:userTask>
      <bpmn:endEvent id="end" />${chain('f', 'start', 'review', 'end')}`);
    const parsed = await moddle.fromXML(xml);
    expect(parsed.warnings).toEqual([]);
    const { xml: written } = await moddle.toXML(parsed.rootElement);
    expect(written).toContain('tessera:sla="P2WD"');
    expect(written).toContain('tessera:escalateTo="credit-manager"');
    expect(written).toContain('tessera:excludeUsers="${applicant}"');
    expect(written).toContain('<tessera:inputParameter name="limit">${amount * 2}</tessera:inputParameter>');
  });
});
