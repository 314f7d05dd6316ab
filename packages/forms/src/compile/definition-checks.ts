import type { Problem } from '@tessera/rules';
import type { FieldDefinition, FormDefinition, LayoutSection } from '../definition/types';
import { fieldTypes } from '../field-types/registry';
import { compareDecimal } from '../values/money';
import { problem } from './problem';

/** Keys a rule reads from row scope, and names every plain object already answers to. */
const RESERVED_KEYS = new Set(['row', 'rowIndex', ...Object.getOwnPropertyNames(Object.prototype)]);

function checkKeys(fields: readonly FieldDefinition[], basePath: string, problems: Problem[]): void {
  const seen = new Map<string, number>();
  fields.forEach((field, index) => {
    const path = `${basePath}[${index}].key`;
    if (RESERVED_KEYS.has(field.key)) {
      problems.push(problem('field.reservedKey', path, `字段键“${field.key}”是保留字`, `the field key "${field.key}" is reserved`));
    }
    const first = seen.get(field.key);
    if (first !== undefined) {
      problems.push(problem('field.duplicate', path, `字段键“${field.key}”与 ${basePath}[${first}] 重复`, `the field key "${field.key}" is already used by ${basePath}[${first}]`));
    } else {
      seen.set(field.key, index);
    }
  });
}

function compareBounds(field: FieldDefinition, low: unknown, high: unknown): number {
  if (field.type === 'money') return compareDecimal(String(low), String(high));
  if (typeof low === 'number' && typeof high === 'number') return low - high;
  if (field.type === 'datetime') return Date.parse(String(low)) - Date.parse(String(high));
  return String(low) < String(high) ? -1 : String(low) > String(high) ? 1 : 0;
}

const BOUND_PAIRS: Array<[keyof FieldDefinition, keyof FieldDefinition]> = [
  ['min', 'max'],
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
  ['minRows', 'maxRows'],
  ['minAge', 'maxAge'],
];

function checkField(field: FieldDefinition, path: string, isRow: boolean, problems: Problem[]): void {
  const spec = fieldTypes[field.type];
  for (const [low, high] of BOUND_PAIRS) {
    if (field[low] !== undefined && field[high] !== undefined && compareBounds(field, field[low], field[high]) > 0) {
      problems.push(problem('field.bounds', `${path}.${String(low)}`, `${String(low)} 大于 ${String(high)}`, `${String(low)} is greater than ${String(high)}`));
    }
  }
  if (field.pattern !== undefined) {
    try {
      new RegExp(field.pattern, 'u');
    } catch (error) {
      problems.push(problem('field.pattern', `${path}.pattern`, `正则表达式无效：${(error as Error).message}`, `invalid regular expression: ${(error as Error).message}`));
    }
  }
  if (['select', 'radio', 'multiSelect', 'checkbox'].includes(field.type)) {
    if (field.options === undefined && field.optionsRule === undefined) {
      problems.push(problem('options.missing', `${path}.options`, '需要 options 或 optionsRule', 'needs options or optionsRule'));
    }
    if (field.options !== undefined && field.optionsRule !== undefined) {
      problems.push(problem('options.conflict', `${path}.optionsRule`, 'options 与 optionsRule 只能二选一', 'give either options or optionsRule, not both'));
    }
    const values = new Set<unknown>();
    field.options?.forEach((option, index) => {
      if (values.has(option.value)) {
        problems.push(problem('options.duplicate', `${path}.options[${index}].value`, `选项值“${option.value}”重复`, `the option value "${option.value}" is listed twice`));
      }
      values.add(option.value);
    });
  }
  if (field.type === 'subform' && isRow) {
    problems.push(problem('subform.nested', `${path}.type`, '子表单中不能再嵌套子表单', 'a subform cannot contain another subform'));
  }
  if (!spec.hasValue || field.type === 'computed') {
    for (const property of ['required', 'default', 'defaultRule'] as const) {
      if (field[property] !== undefined) {
        problems.push(problem('field.noInput', `${path}.${property}`, `${field.type} 字段不由用户填写，不能设置 ${property}`, `a ${field.type} field is not filled in, so it takes no ${property}`));
      }
    }
  }
  if (!spec.hasValue && (field.validations !== undefined || field.mask !== undefined)) {
    problems.push(problem('field.noValue', path, '说明文字没有值，不能设置校验或掩码', 'description text holds no value; it takes no validations or mask'));
  }
  if (field.mask !== undefined && !spec.maskable) {
    problems.push(problem('mask.unsupported', `${path}.mask`, `${field.type} 字段不支持掩码`, `a ${field.type} field cannot be masked`));
  }
}

function sectionsOf(definition: FormDefinition): Array<{ section: LayoutSection; path: string }> {
  const layout = definition.layout;
  if (!layout) return [];
  const sections = (layout.sections ?? []).map((section, index) => ({ section, path: `layout.sections[${index}]` }));
  (layout.tabs ?? []).forEach((tab, tabIndex) =>
    tab.sections.forEach((section, index) => sections.push({ section, path: `layout.tabs[${tabIndex}].sections[${index}]` })),
  );
  return sections;
}

function checkLayout(definition: FormDefinition, problems: Problem[]): void {
  const layout = definition.layout;
  if (!layout) return;
  if (layout.sections && layout.tabs) {
    problems.push(problem('layout.conflict', 'layout', '布局只能使用 sections 或 tabs 其中之一', 'a layout has either sections or tabs, not both'));
  }
  const keys = new Set(definition.fields.map((field) => field.key));
  const placed = new Map<string, string>();
  const sectionKeys = new Set<string>();
  for (const { section, path } of sectionsOf(definition)) {
    if (sectionKeys.has(section.key)) {
      problems.push(problem('layout.duplicate', `${path}.key`, `分区键“${section.key}”重复`, `the section key "${section.key}" is used twice`));
    }
    sectionKeys.add(section.key);
    section.fields.forEach((item, index) => {
      const key = typeof item === 'string' ? item : item.field;
      const itemPath = `${path}.fields[${index}]`;
      if (!keys.has(key)) {
        problems.push(problem('layout.unknownField', itemPath, `布局引用了不存在的字段“${key}”`, `the layout refers to an unknown field "${key}"`));
      } else if (placed.has(key)) {
        problems.push(problem('layout.duplicate', itemPath, `字段“${key}”已放在 ${placed.get(key)}`, `the field "${key}" is already placed at ${placed.get(key)}`));
      } else {
        placed.set(key, itemPath);
      }
    });
  }
}

/** Problems a JSON Schema cannot see: duplicate keys, contradictory bounds, layout references. */
export function checkDefinition(definition: FormDefinition): Problem[] {
  const problems: Problem[] = [];
  checkKeys(definition.fields, 'fields', problems);
  definition.fields.forEach((field, index) => {
    const path = `fields[${index}]`;
    checkField(field, path, false, problems);
    if (field.type === 'subform' && field.fields) {
      checkKeys(field.fields, `${path}.fields`, problems);
      field.fields.forEach((row, rowIndex) => checkField(row, `${path}.fields[${rowIndex}]`, true, problems));
    }
  });
  checkLayout(definition, problems);
  return problems;
}
