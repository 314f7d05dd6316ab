import type { Run } from './run';
import { rootScopeId, type ProcessState, type ScopeState } from './state';

/**
 * The variables a rule sees from a scope: process variables overlaid by each enclosing scope's
 * local variables (subprocess and multi-instance), then the activity's input parameters.
 */
export function visibleVariables(
  state: ProcessState,
  scopeId: string,
  local?: Record<string, unknown>,
  overlay?: Record<string, unknown>,
): Record<string, unknown> {
  const chain: Record<string, unknown>[] = [];
  let cursor: ScopeState | undefined = state.scopes[scopeId];
  while (cursor && cursor.id !== rootScopeId) {
    chain.push(cursor.variables);
    cursor = cursor.parentScopeId ? state.scopes[cursor.parentScopeId] : undefined;
  }
  const view: Record<string, unknown> = state.businessKey === undefined ? { ...state.variables } : { businessKey: state.businessKey, ...state.variables };
  for (let index = chain.length - 1; index >= 0; index -= 1) Object.assign(view, chain[index]);
  if (local) Object.assign(view, local);
  if (overlay) Object.assign(view, overlay);
  return view;
}

/** Writes a variable where it already lives (the nearest scope that owns it), else on the process. */
export function setVariable(run: Run, scopeId: string, name: string, value: unknown, by?: string): void {
  const { state } = run;
  let cursor: ScopeState | undefined = state.scopes[scopeId];
  let target = state.variables;
  while (cursor && cursor.id !== rootScopeId) {
    if (Object.prototype.hasOwnProperty.call(cursor.variables, name)) {
      target = cursor.variables;
      break;
    }
    cursor = cursor.parentScopeId ? state.scopes[cursor.parentScopeId] : undefined;
  }
  const copy = value === undefined ? null : cloneJson(value);
  target[name] = copy;
  run.history('variable.set', { name, value: copy, ...(by ? { by } : {}) });
}

export function setVariables(run: Run, scopeId: string, values: Record<string, unknown> | undefined, by?: string): void {
  if (!values) return;
  for (const [name, value] of Object.entries(values)) setVariable(run, scopeId, name, value, by);
}

/** Deep copy of plain JSON data; Dates become ISO strings, functions and undefined disappear. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString() as unknown as T;
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : cloneJson(item))) as unknown as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && typeof item !== 'function') copy[key] = cloneJson(item);
  }
  return copy as T;
}
