import type { ElementDefinition, FlowDefinition } from './types';

/**
 * For each element, every element a token there can still reach within its container, following
 * sequence flows and the boundary events of activities on the way. Inclusive joins and returns to
 * earlier steps both ask this question, so it is answered once at compile time.
 */
export function computeReachability(
  elements: Record<string, ElementDefinition>,
  flows: Record<string, FlowDefinition>,
): Record<string, Set<string>> {
  const successors = new Map<string, string[]>();
  for (const element of Object.values(elements)) {
    const next = element.outgoing.map((flowId) => flows[flowId]?.target).filter((id): id is string => !!id);
    next.push(...element.boundaryEvents);
    successors.set(element.id, next);
  }
  const reachable: Record<string, Set<string>> = {};
  for (const element of Object.values(elements)) {
    const seen = new Set<string>();
    const stack = [...(successors.get(element.id) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(successors.get(id) ?? []));
    }
    reachable[element.id] = seen;
  }
  return reachable;
}
