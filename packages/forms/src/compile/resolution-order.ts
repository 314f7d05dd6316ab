import type { Problem } from '@tessera/rules';
import { problem } from './problem';

export interface OrderNode<T> {
  item: T;
  key: string;
  path: string;
  /** Keys of sibling nodes this node's value depends on. */
  dependsOn: Set<string>;
}

function findCycle<T>(remaining: Map<string, OrderNode<T>>): string[] {
  const start = remaining.keys().next().value as string;
  const trail: string[] = [];
  const onTrail = new Map<string, number>();
  let current = start;
  // Every remaining node has a remaining dependency, so walking them must revisit a node.
  while (!onTrail.has(current)) {
    onTrail.set(current, trail.length);
    trail.push(current);
    const next = [...remaining.get(current)!.dependsOn].find((key) => remaining.has(key));
    current = next!;
  }
  return [...trail.slice(onTrail.get(current)), current];
}

/**
 * Orders nodes so each comes after what it depends on (definition order where free); reports
 * each cycle, naming the fields around it.
 */
export function resolutionOrder<T>(nodes: OrderNode<T>[], problems: Problem[]): T[] {
  const remaining = new Map(nodes.map((node) => [node.key, node]));
  const ordered: T[] = [];
  while (remaining.size > 0) {
    let progressed = true;
    while (progressed) {
      progressed = false;
      for (const node of remaining.values()) {
        if ([...node.dependsOn].some((key) => remaining.has(key))) continue;
        ordered.push(node.item);
        remaining.delete(node.key);
        progressed = true;
      }
    }
    if (remaining.size === 0) break;
    // Every node left waits on another one left: there is a cycle to report and break.
    const cycle = findCycle(remaining);
    const first = remaining.get(cycle[0]!)!;
    const text = cycle.join(' → ');
    problems.push(problem('field.cycle', first.path, `字段之间存在循环依赖：${text}`, `fields depend on each other in a cycle: ${text}`));
    for (const key of new Set(cycle)) {
      ordered.push(remaining.get(key)!.item);
      remaining.delete(key);
    }
  }
  return ordered;
}
