/**
 * The references a BPMN file makes to the rest of its app, read from the XML as written: form keys,
 * candidate roles, called processes, decision tables and rule sets, each with its element id.
 * Reading the source (rather than the engine's compiled form) keeps literal role lists visible
 * even where the engine turns them into expressions.
 */
export interface BpmnElementReference {
  elementId: string;
  elementType: string;
  attribute: string;
  value: string;
}

export interface BpmnReferences {
  processIds: string[];
  elementIds: Map<string, string>;
  references: BpmnElementReference[];
  /** Element ids that have a shape or an edge in the diagram. */
  diagramElements: Set<string>;
  /** User tasks that name nobody to work on them: no assignee, candidates or assignment rule. */
  unassignedUserTasks: string[];
}

const startTag = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(\s[^<>]*?)?\/?>/g;
const attributePattern = /([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*=\s*("([^"]*)"|'([^']*)')/g;

const referenceAttributes: Record<string, string> = {
  'tessera:formKey': 'formKey',
  'camunda:formKey': 'formKey',
  'tessera:candidateRoles': 'candidateRoles',
  'camunda:candidateGroups': 'candidateRoles',
  'tessera:escalateTo': 'escalateTo',
  calledElement: 'calledElement',
  'tessera:decisionTable': 'decisionTable',
  'camunda:decisionRef': 'decisionTable',
  'tessera:ruleSet': 'ruleSet',
  'tessera:assignmentRule': 'ruleSet',
};

const assignmentAttributes = new Set([
  'tessera:assignee', 'tessera:candidateUsers', 'tessera:candidateRoles', 'tessera:assignmentRule',
  'camunda:assignee', 'camunda:candidateUsers', 'camunda:candidateGroups',
]);

function decodeEntities(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

export function readBpmnReferences(xml: string): BpmnReferences {
  const result: BpmnReferences = { processIds: [], elementIds: new Map(), references: [], diagramElements: new Set(), unassignedUserTasks: [] };
  const withoutComments = xml.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of withoutComments.matchAll(startTag)) {
    const elementType = match[2]!;
    const attributes = new Map<string, string>();
    for (const attribute of (match[3] ?? '').matchAll(attributePattern)) attributes.set(attribute[1]!, decodeEntities(attribute[3] ?? attribute[4] ?? ''));
    if (elementType === 'BPMNShape' || elementType === 'BPMNEdge') {
      const target = attributes.get('bpmnElement');
      if (target) result.diagramElements.add(target);
      continue;
    }
    const id = attributes.get('id');
    if (!id) continue;
    result.elementIds.set(id, elementType);
    if (elementType === 'process') result.processIds.push(id);
    if (elementType === 'userTask' && ![...attributes.keys()].some((name) => assignmentAttributes.has(name))) result.unassignedUserTasks.push(id);
    for (const [attribute, value] of attributes) {
      const kind = referenceAttributes[attribute];
      if (kind) result.references.push({ elementId: id, elementType, attribute: kind, value });
    }
  }
  return result;
}

/** Element types drawn in a diagram; the studio cannot show a process whose flow nodes lack shapes. */
export const drawnElementTypes = new Set([
  'startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'userTask', 'serviceTask',
  'scriptTask', 'businessRuleTask', 'sendTask', 'receiveTask', 'manualTask', 'task', 'exclusiveGateway', 'parallelGateway',
  'inclusiveGateway', 'eventBasedGateway', 'subProcess', 'callActivity', 'sequenceFlow',
]);
