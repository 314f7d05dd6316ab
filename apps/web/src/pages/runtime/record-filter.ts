import { localize } from '@tessera/rules';
import type { FieldDefinition } from '@tessera/ui';

/** What a person picked in one column's filter. */
export type FieldFilter =
  | { kind: 'options'; values: string[] }
  | { kind: 'range'; from?: string; to?: string }
  | { kind: 'text'; contains: string };

/** How a field of this type is filtered: options, a range or a text search; null when it is not filterable. */
export function filterKindOf(field: FieldDefinition): FieldFilter['kind'] | null {
  switch (field.type) {
    case 'select':
    case 'radio':
    case 'multiSelect':
    case 'checkbox':
      return field.options?.length ? 'options' : null;
    case 'switch':
      return 'options';
    case 'date':
    case 'datetime':
    case 'number':
    case 'integer':
    case 'percent':
    case 'money':
      return 'range';
    case 'text':
    case 'textarea':
      return 'text';
    default:
      return null;
  }
}

type Rule = Record<string, unknown>;

function rangeRules(field: FieldDefinition, from: string | undefined, to: string | undefined): Rule[] {
  const variable = { var: field.key };
  const rules: Rule[] = [];
  if (field.type === 'money') {
    if (from) rules.push({ 'money>=': [variable, from] });
    if (to) rules.push({ 'money<=': [variable, to] });
    return rules;
  }
  const literal = (value: string) => (['number', 'integer', 'percent'].includes(field.type) ? Number(value) : value);
  if (field.type === 'datetime' && to && /^\d{4}-\d{2}-\d{2}$/.test(to)) to = `${to}T23:59:59.999Z`;
  if (from) rules.push({ '>=': [variable, literal(from)] });
  if (to) rules.push({ '<=': [variable, literal(to)] });
  return rules;
}

/** The JSON-logic rule of every column filter together (and), or undefined when none is set. */
export function filterRule(fields: readonly FieldDefinition[], filters: Record<string, FieldFilter | undefined>): Rule | undefined {
  const parts: Rule[] = [];
  for (const field of fields) {
    const filter = filters[field.key];
    if (!filter) continue;
    if (filter.kind === 'options' && filter.values.length) {
      if (field.type === 'multiSelect' || field.type === 'checkbox') {
        parts.push({ some: [{ var: field.key }, { in: [{ var: '' }, filter.values] }] });
      } else {
        const values = field.type === 'switch' ? filter.values.map((value) => value === 'true') : filter.values;
        parts.push(values.length === 1 ? { '==': [{ var: field.key }, values[0]] } : { in: [{ var: field.key }, values] });
      }
    }
    if (filter.kind === 'range') parts.push(...rangeRules(field, filter.from || undefined, filter.to || undefined));
    if (filter.kind === 'text' && filter.contains.trim()) parts.push({ in: [filter.contains.trim(), { var: field.key }] });
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** Joins a rule from the address (a dashboard's drill-down) with the column filters. */
export function combineRules(...rules: Array<unknown>): unknown {
  const present = rules.filter((rule) => rule !== undefined && rule !== null);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { and: present };
}

const OPERATOR_TEXT: Record<string, string> = {
  '==': '=',
  '===': '=',
  '!=': '≠',
  '!==': '≠',
  '>': '>',
  '>=': '≥',
  '<': '<',
  '<=': '≤',
  'money>=': '≥',
  'money<=': '≤',
  'money>': '>',
  'money<': '<',
  'money==': '=',
};

/**
 * A filter rule in words a person reads ("状态 = 处理中 且 严重程度 ∈ 高、中"), with field labels
 * and option labels; null when the rule is not a plain comparison of fields with values.
 */
export function describeRule(rule: unknown, fields: readonly FieldDefinition[], locale: 'zh-CN' | 'en'): string | null {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const fieldOf = (operand: unknown) => {
    if (typeof operand !== 'object' || operand === null || !('var' in operand)) return undefined;
    const path = (operand as { var: unknown }).var;
    return typeof path === 'string' ? { path, field: byKey.get(path.split('.')[0]!) } : undefined;
  };
  const valueText = (field: FieldDefinition | undefined, value: unknown): string => {
    const option = field?.options?.find((item) => item.value === value);
    if (option) return localize(option.label, locale);
    if (typeof value === 'boolean') return locale === 'zh-CN' ? (value ? '是' : '否') : value ? 'yes' : 'no';
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  };
  const label = (found: { path: string; field?: FieldDefinition }) => (found.field ? localize(found.field.label, locale) : found.path);

  const walk = (node: unknown): string | null => {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return null;
    const entries = Object.entries(node);
    if (entries.length !== 1) return null;
    const [operator, raw] = entries[0]!;
    const args = Array.isArray(raw) ? raw : [raw];
    if (operator === 'and' || operator === 'or') {
      const parts = args.map(walk);
      if (parts.some((part) => part === null)) return null;
      const joiner = operator === 'and' ? (locale === 'zh-CN' ? ' 且 ' : ' and ') : locale === 'zh-CN' ? ' 或 ' : ' or ';
      return parts.join(joiner);
    }
    if (operator === 'in' && args.length === 2) {
      const found = fieldOf(args[0]);
      if (found && Array.isArray(args[1])) return `${label(found)} ∈ ${args[1].map((value) => valueText(found.field, value)).join('、')}`;
      const inside = fieldOf(args[1]);
      if (inside && typeof args[0] === 'string') return locale === 'zh-CN' ? `${label(inside)}包含“${args[0]}”` : `${label(inside)} contains "${args[0]}"`;
      return null;
    }
    const symbol = OPERATOR_TEXT[operator];
    if (!symbol) return null;
    if (args.length === 2) {
      const left = fieldOf(args[0]);
      const right = fieldOf(args[1]);
      if (left && !right) return `${label(left)} ${symbol} ${valueText(left.field, args[1])}`;
      if (right && !left) return `${valueText(right.field, args[0])} ${symbol} ${label(right)}`;
    }
    if (args.length === 3) {
      const middle = fieldOf(args[1]);
      if (middle && !fieldOf(args[0]) && !fieldOf(args[2])) return `${valueText(middle.field, args[0])} ${symbol} ${label(middle)} ${symbol} ${valueText(middle.field, args[2])}`;
    }
    return null;
  };
  return walk(rule);
}
