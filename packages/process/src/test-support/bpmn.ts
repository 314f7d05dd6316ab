/** Wraps process content in a BPMN definitions document with the namespaces Tessera reads. */
export function bpmn(content: string, { processId = 'process', extraRoot = '' } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xmlns:tessera="http://tessera.dev/schema/bpmn/1.0"
  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
  id="definitions" targetNamespace="http://tessera.dev/test">
  ${extraRoot}
  <bpmn:process id="${processId}" isExecutable="true">
${content}
  </bpmn:process>
</bpmn:definitions>`;
}

/** A sequence flow, optionally with a condition (`${…}` or JSON-logic). */
export function flow(id: string, source: string, target: string, condition?: string): string {
  if (!condition) return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`;
  const language = condition.trim().startsWith('{') ? ' language="json-logic"' : '';
  const body = condition.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression"${language}>${body}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
}

/** A chain of flows: `chain('start', 'a', 'end')` links start→a→end with ids f1, f2, … after `prefix`. */
export function chain(prefix: string, ...ids: string[]): string {
  return ids
    .slice(1)
    .map((target, index) => flow(`${prefix}${index + 1}`, ids[index]!, target))
    .join('\n');
}

/** A timer event definition: `timeDuration`, `timeDate` or `timeCycle` with its ISO 8601 text. */
export const timerDefinition = (kind: 'timeDuration' | 'timeDate' | 'timeCycle', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind}>${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;
