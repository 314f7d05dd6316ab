import type { Locale } from './messages';

/** Date-time in the reader's locale, e.g. 2026/03/02 20:00 or 03/02/2026, 08:00 PM. */
export function formatDateTime(value: string | null | undefined, locale: Locale): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** "in 3 h" / "2 d overdue" style distance to a due time. */
export function formatDistance(fromMs: number, toMs: number, locale: Locale): string {
  const minutes = Math.round(Math.abs(toMs - fromMs) / 60_000);
  const [amount, unit] =
    minutes < 60 ? [minutes, locale === 'zh-CN' ? '分钟' : ' min'] : minutes < 48 * 60 ? [Math.round(minutes / 60), locale === 'zh-CN' ? '小时' : ' h'] : [Math.round(minutes / 1440), locale === 'zh-CN' ? '天' : ' d'];
  if (toMs >= fromMs) return locale === 'zh-CN' ? `剩余 ${amount}${unit}` : `${amount}${unit} left`;
  return locale === 'zh-CN' ? `已超期 ${amount}${unit}` : `${amount}${unit} overdue`;
}
