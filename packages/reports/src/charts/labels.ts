import { type Locale, localize, type LocalizedText } from '@tessera/rules';
import type { DimensionDefinition, MeasureDefinition } from '../definition/types';

const empty: LocalizedText = { 'zh-CN': '（空）', en: '(empty)' };

/** How a dimension value reads on an axis or in a legend. */
export function dimensionLabel(dimension: DimensionDefinition | undefined, value: unknown, locale: Locale): string {
  if (value === null || value === undefined) return localize(empty, locale);
  if (typeof value === 'boolean')
    return localize(value ? { 'zh-CN': '是', en: 'Yes' } : { 'zh-CN': '否', en: 'No' }, locale);
  if (dimension?.ranges) {
    const range = dimension.ranges.find((candidate) => candidate.key === value);
    return range?.label ? localize(range.label, locale) : String(value);
  }
  if (dimension?.bucket && typeof value === 'string') {
    const [year, month] = value.split('-');
    switch (dimension.bucket) {
      case 'year':
        return locale === 'en' ? year! : `${year}年`;
      case 'quarter':
        return locale === 'en'
          ? `${year} Q${Math.floor((Number(month) - 1) / 3) + 1}`
          : `${year}年第${Math.floor((Number(month) - 1) / 3) + 1}季度`;
      case 'month':
        return locale === 'en' ? `${year}-${month}` : `${year}年${Number(month)}月`;
      case 'week':
        return locale === 'en' ? `week of ${value}` : `${value}当周`;
      case 'day':
        return value;
    }
  }
  return String(value);
}

export function measureLabel(measure: MeasureDefinition | undefined, key: string, locale: Locale): string {
  return measure?.label ? localize(measure.label, locale) : key;
}

export function dimensionTitle(
  dimension: DimensionDefinition | undefined,
  key: string | undefined,
  locale: Locale,
): string {
  return dimension?.label ? localize(dimension.label, locale) : (key ?? '');
}
