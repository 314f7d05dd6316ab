import type { JsonLogic } from '../form-model/form-definition';

/** A sequence flow's condition as the panel edits it: a JSON-logic rule, or text it keeps as is. */
export type FlowCondition = { kind: 'none' } | { kind: 'rule'; rule: JsonLogic } | { kind: 'text'; text: string };

export function readCondition(expression: { body?: string; language?: string } | undefined): FlowCondition {
  const body = expression?.body?.trim();
  if (!body) return { kind: 'none' };
  if (expression?.language === 'json-logic' || body.startsWith('{') || body.startsWith('[')) {
    try {
      return { kind: 'rule', rule: JSON.parse(body) as JsonLogic };
    } catch {
      return { kind: 'text', text: body };
    }
  }
  return { kind: 'text', text: body };
}

/** The body and language written into `bpmn:conditionExpression`, or null to remove it. */
export function writeCondition(condition: FlowCondition): { body: string; language?: string } | null {
  if (condition.kind === 'none') return null;
  if (condition.kind === 'rule') return { body: JSON.stringify(condition.rule), language: 'json-logic' };
  return condition.text.trim() ? { body: condition.text.trim() } : null;
}
