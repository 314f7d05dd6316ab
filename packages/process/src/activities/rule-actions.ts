/**
 * Reads the `set` actions of a rule set's result. A set action names its target by `field`
 * (or `path` / `target`) and carries a `value`; other actions are passed to the shell.
 */
export function setActionTarget(action: unknown): { name: string; value: unknown } | undefined {
  if (!action || typeof action !== 'object') return undefined;
  const record = action as Record<string, unknown>;
  if (record.type !== 'set' && record.type !== 'setField' && record.type !== 'setVariable') return undefined;
  const name = record.field ?? record.path ?? record.target ?? record.variable;
  return typeof name === 'string' ? { name, value: record.value } : undefined;
}
