import type { Locale } from '@tessera/rules';
import type { NumberFormat } from '../definition/types';

/** A scale for a column of amounts: values are divided by `divisor` and the axis names the unit. */
export interface MoneyScale {
  divisor: number;
  unit: { 'zh-CN': string; en: string };
}

const currencySymbols: Record<string, string> = { CNY: '¥', USD: '$', HKD: 'HK$', EUR: '€' };

function grouped(value: number, decimals: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(value);
}

/** Amounts the way a Chinese bank writes them: 1.23亿, 4,567.89万; K / M / B in English. */
export function formatMoney(
  value: number,
  locale: Locale = 'zh-CN',
  options: { currency?: string; decimals?: number } = {},
): string {
  const decimals = options.decimals ?? 2;
  const symbol = options.currency ? (currencySymbols[options.currency] ?? `${options.currency} `) : '';
  const sign = value < 0 ? '-' : '';
  const magnitude = Math.abs(value);
  const steps: [number, string][] =
    locale === 'en'
      ? [
          [1e9, 'B'],
          [1e6, 'M'],
          [1e3, 'K'],
        ]
      : [
          [1e8, '亿'],
          [1e4, '万'],
        ];
  for (const [divisor, unit] of steps) {
    if (magnitude >= divisor) return `${sign}${symbol}${grouped(magnitude / divisor, decimals, locale)}${unit}`;
  }
  return `${sign}${symbol}${grouped(magnitude, decimals, locale)}`;
}

/** A ratio (0.125) as a percentage (12.5%). */
export function formatPercent(ratio: number, decimals = 1): string {
  return `${(ratio * 100).toFixed(decimals)}%`;
}

/** Hours as days, hours and minutes (1天2小时 / 1 d 2 h); working days as a count of days. */
export function formatDuration(value: number, unit: 'hours' | 'days', locale: Locale = 'zh-CN'): string {
  if (unit === 'days') {
    const days = Math.round(value * 10) / 10;
    return locale === 'en' ? `${days} working day${days === 1 ? '' : 's'}` : `${days}个工作日`;
  }
  const sign = value < 0 ? '-' : '';
  const totalMinutes = Math.round(Math.abs(value) * 60);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts =
    locale === 'en'
      ? [days ? `${days} d` : '', hours ? `${hours} h` : '', minutes && !days ? `${minutes} min` : '']
      : [days ? `${days}天` : '', hours ? `${hours}小时` : '', minutes && !days ? `${minutes}分钟` : ''];
  const text = parts.filter(Boolean).join(locale === 'en' ? ' ' : '');
  return `${sign}${text || (locale === 'en' ? '0 min' : '0分钟')}`;
}

export function formatValue(value: unknown, format: NumberFormat | undefined, locale: Locale = 'zh-CN'): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return String(value);
  switch (format?.type) {
    case 'money':
      return formatMoney(value, locale, format);
    case 'percent':
      return formatPercent(value, format.decimals);
    case 'duration':
      return formatDuration(value, format.unit, locale);
    case 'integer':
      return grouped(Math.round(value), 0, locale);
    case 'number':
      return grouped(value, format.decimals ?? 2, locale);
    default:
      return grouped(value, Number.isInteger(value) ? 0 : 2, locale);
  }
}

/** The unit an axis of amounts is drawn in, chosen from its largest value (元, 万元 or 亿元). */
export function moneyScale(values: number[], currency = 'CNY'): MoneyScale {
  const largest = values.reduce((high, value) => Math.max(high, Math.abs(value)), 0);
  const name = currency === 'CNY' ? { zh: '元', en: 'CNY' } : { zh: currency, en: currency };
  if (largest >= 1e8) return { divisor: 1e8, unit: { 'zh-CN': `亿${name.zh}`, en: `100M ${name.en}` } };
  if (largest >= 1e4) return { divisor: 1e4, unit: { 'zh-CN': `万${name.zh}`, en: `10K ${name.en}` } };
  return { divisor: 1, unit: { 'zh-CN': name.zh, en: name.en } };
}
