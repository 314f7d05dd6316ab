import type { JsonLogic } from '../form-model/form-definition';

/** Comparisons the visual builder offers; each maps to one JSON-logic shape. */
export type ComparisonOperator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'in' | 'contains' | 'empty' | 'notEmpty';

export interface RuleCondition {
  kind: 'condition';
  field: string;
  operator: ComparisonOperator;
  /** Absent for empty / notEmpty; an array for `in`. */
  value?: unknown;
}

export interface RuleGroup {
  kind: 'group';
  combinator: 'and' | 'or';
  /** A negated group is `!` around it ("none of" / "not all of"). */
  negated?: boolean;
  children: Array<RuleCondition | RuleGroup>;
}

export type RuleNode = RuleCondition | RuleGroup;

export const binaryOperators = ['==', '!=', '>', '>=', '<', '<='] as const;

export function emptyGroup(combinator: RuleGroup['combinator'] = 'and'): RuleGroup {
  return { kind: 'group', combinator, children: [] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The field a `{ "var": … }` names, or null when the value is not a plain variable. */
function variableName(value: unknown): string | null {
  if (!isObject(value) || Object.keys(value).length !== 1 || !('var' in value)) return null;
  const target = value.var;
  if (typeof target === 'string' && target.length > 0) return target;
  if (Array.isArray(target) && typeof target[0] === 'string' && target.length === 1) return target[0];
  return null;
}

function isLiteral(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  return Array.isArray(value) && value.every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item));
}

function conditionFrom(rule: JsonLogic): RuleCondition | null {
  if (!isObject(rule) || Object.keys(rule).length !== 1) return null;
  const [operator, raw] = Object.entries(rule)[0]!;
  const args = Array.isArray(raw) ? raw : [raw];
  if ((binaryOperators as readonly string[]).includes(operator) && args.length === 2) {
    const field = variableName(args[0]);
    if (field && isLiteral(args[1]) && !Array.isArray(args[1])) return { kind: 'condition', field, operator: operator as ComparisonOperator, value: args[1] };
    return null;
  }
  if (operator === 'in' && args.length === 2) {
    const asMember = variableName(args[0]);
    if (asMember && Array.isArray(args[1]) && isLiteral(args[1])) return { kind: 'condition', field: asMember, operator: 'in', value: args[1] };
    const asContainer = variableName(args[1]);
    if (asContainer && isLiteral(args[0]) && !Array.isArray(args[0])) return { kind: 'condition', field: asContainer, operator: 'contains', value: args[0] };
    return null;
  }
  if (operator === '!' && args.length === 1) {
    const field = variableName(args[0]);
    if (field) return { kind: 'condition', field, operator: 'empty' };
  }
  if (operator === '!!' && args.length === 1) {
    const field = variableName(args[0]);
    if (field) return { kind: 'condition', field, operator: 'notEmpty' };
  }
  return null;
}

/**
 * Reads a JSON-logic rule into the builder's tree. Returns null when the rule uses anything the
 * builder cannot show faithfully; the editor then offers only the raw JSON view for it.
 */
export function ruleToTree(rule: JsonLogic | undefined): RuleGroup | null {
  if (rule === undefined || rule === null || rule === true) return emptyGroup();
  const node = nodeFrom(rule);
  if (!node) return null;
  return node.kind === 'group' ? node : { kind: 'group', combinator: 'and', children: [node] };
}

function nodeFrom(rule: JsonLogic): RuleNode | null {
  if (isObject(rule) && Object.keys(rule).length === 1) {
    const [operator, raw] = Object.entries(rule)[0]!;
    if ((operator === 'and' || operator === 'or') && Array.isArray(raw)) {
      const children = raw.map((child) => nodeFrom(child as JsonLogic));
      if (children.some((child) => child === null)) return null;
      return { kind: 'group', combinator: operator, children: children as RuleNode[] };
    }
    if (operator === '!') {
      const inner = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
      if (isObject(inner) && ('and' in inner || 'or' in inner)) {
        const group = nodeFrom(inner as JsonLogic);
        if (group?.kind === 'group' && !group.negated) return { ...group, negated: true };
        return null;
      }
    }
  }
  return conditionFrom(rule);
}

function conditionToRule(condition: RuleCondition): JsonLogic {
  const variable = { var: condition.field };
  switch (condition.operator) {
    case 'empty':
      return { '!': [variable] };
    case 'notEmpty':
      return { '!!': [variable] };
    case 'in':
      return { in: [variable, Array.isArray(condition.value) ? condition.value : [condition.value]] };
    case 'contains':
      return { in: [condition.value ?? '', variable] };
    default:
      return { [condition.operator]: [variable, condition.value ?? null] };
  }
}

/** Writes the builder's tree as JSON-logic; an empty group is `true` (no restriction). */
export function treeToRule(node: RuleNode): JsonLogic {
  if (node.kind === 'condition') return conditionToRule(node);
  const children = node.children.filter((child) => child.kind === 'condition' || child.children.length > 0).map(treeToRule);
  let rule: JsonLogic = children.length === 0 ? true : children.length === 1 && !node.negated ? children[0]! : { [node.combinator]: children };
  if (node.negated) rule = { '!': [children.length === 1 ? { [node.combinator]: children } : rule] };
  return rule;
}

/** Every field named by `var` in a rule, to check them against the form. */
export function variablesOf(rule: JsonLogic): string[] {
  const names = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (!isObject(value)) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'var') {
        const name = Array.isArray(inner) ? inner[0] : inner;
        if (typeof name === 'string' && name !== '') names.add(name);
      } else walk(inner);
    }
  };
  walk(rule);
  return [...names];
}

/** Replaces the node at `path` (child indexes from the root) and returns a new tree. */
export function updateAt(root: RuleGroup, path: number[], change: (node: RuleNode) => RuleNode | null): RuleGroup {
  if (path.length === 0) {
    const changed = change(root);
    return changed?.kind === 'group' ? changed : root;
  }
  const [head, ...rest] = path;
  const children: RuleNode[] = [];
  root.children.forEach((child, index) => {
    if (index !== head) return void children.push(child);
    const changed = rest.length === 0 ? change(child) : child.kind === 'group' ? updateAt(child, rest, change) : child;
    if (changed) children.push(changed);
  });
  return { ...root, children };
}
