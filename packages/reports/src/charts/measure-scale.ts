import type { Locale } from '@tessera/rules';
import { localize } from '@tessera/rules';
import type { MeasureDefinition, NumberFormat } from '../definition/types';
import { moneyScale } from '../format/number-format';

/** How a measure's values are drawn on an axis: scaled (万元, %) and with the unit named. */
export interface AxisScale {
  apply(value: unknown): number | null;
  unit: string;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

export function formatOf(measure: MeasureDefinition | undefined): NumberFormat | undefined {
  if (!measure) return undefined;
  if (measure.format) return measure.format;
  if (measure.aggregate === 'ratio') return { type: 'percent' };
  if (measure.aggregate === 'duration') return { type: 'duration', unit: measure.unit === 'hours' ? 'hours' : 'days' };
  if (measure.aggregate === 'count' || measure.aggregate === 'countDistinct') return { type: 'integer' };
  return undefined;
}

export function axisScale(measure: MeasureDefinition | undefined, values: unknown[], locale: Locale): AxisScale {
  const format = formatOf(measure);
  const numbers = values.filter((value): value is number => typeof value === 'number');
  const scaled = (divisor: number) => (value: unknown) => (typeof value === 'number' ? round(value / divisor) : null);
  switch (format?.type) {
    case 'money': {
      const scale = moneyScale(numbers, format.currency);
      return { apply: scaled(scale.divisor), unit: localize(scale.unit, locale) };
    }
    case 'percent':
      return { apply: scaled(0.01), unit: '%' };
    case 'duration':
      return {
        apply: scaled(1),
        unit: localize(
          format.unit === 'hours' ? { 'zh-CN': '小时', en: 'hours' } : { 'zh-CN': '工作日', en: 'working days' },
          locale,
        ),
      };
    default:
      return { apply: scaled(1), unit: '' };
  }
}
