/**
 * The form key of a process's start event, read from its BPMN XML (`tessera:formKey`, or
 * `camunda:formKey` from Camunda Modeler), for servers that do not send `startFormKey`.
 * A `key@step` form key names the form only.
 */
export function startFormKeyOf(xml: string): string | null {
  const startEvent = /<(?:[\w-]+:)?startEvent\b([^>]*)>/.exec(xml);
  if (!startEvent) return null;
  const formKey = /\b(?:tessera|camunda):formKey\s*=\s*"([^"]*)"/.exec(startEvent[1]!);
  const value = formKey?.[1]?.trim();
  return value ? value.split('@')[0]! : null;
}
