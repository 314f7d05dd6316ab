import type { RuleContext } from '@tessera/rules';
import type { FieldPlan } from '../compile/field-plan';
import type { OptionDefinition } from '../definition/types';

/** Options of a choice field: static, or what its options rule returns (option objects or bare values). */
export function optionsOf(field: FieldPlan, scope: unknown, context: RuleContext): OptionDefinition[] {
  if (!field.optionsRule) return field.definition.options ?? [];
  const result = field.optionsRule(scope, context);
  if (!Array.isArray(result)) return [];
  return result.map((item) =>
    typeof item === 'object' && item !== null && 'value' in item
      ? (item as OptionDefinition)
      : { value: item as string | number, label: { 'zh-CN': String(item), en: String(item) } },
  );
}

export function isOffered(value: unknown, options: readonly OptionDefinition[]): boolean {
  const offered = (item: unknown) => options.some((option) => option.value === item);
  return Array.isArray(value) ? value.every(offered) : offered(value);
}
