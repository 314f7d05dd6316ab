import type { CustomerData } from '../../api/customers';

const DAY_MS = 86_400_000;

/** Days from `today` (YYYY-MM-DD) to `date`; negative when the date has passed. */
export function daysUntil(date: string | undefined, today: string): number | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) return null;
  return Math.round((Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** A holding expires soon when its expiry date is today or within the next `windowDays`. */
export function expiresSoon(expiryDate: string | undefined, today: string, windowDays = 30): boolean {
  const days = daysUntil(expiryDate, today);
  return days !== null && days >= 0 && days <= windowDays;
}

export function todayIn(timeZone = 'Asia/Shanghai', now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The three month-end AUM figures, oldest first, as numbers for the chart (missing months dropped). */
export function aumTrend(customer: CustomerData): Array<{ period: 'twoMonthsAgo' | 'lastMonth' | 'current'; value: number }> {
  const points = [
    { period: 'twoMonthsAgo' as const, raw: customer.aumTwoMonthsAgo },
    { period: 'lastMonth' as const, raw: customer.aumLastMonth },
    { period: 'current' as const, raw: customer.aum },
  ];
  return points.flatMap(({ period, raw }) => (raw !== undefined && raw !== null && /^-?\d+(\.\d+)?$/.test(String(raw)) ? [{ period, value: Number(raw) }] : []));
}

/** Relative change from `from` to `to` (−0.3 = down 30%), null when it cannot be told. */
export function relativeChange(from: string | undefined, to: string | undefined): number | null {
  if (from === undefined || to === undefined) return null;
  const start = Number(from);
  const end = Number(to);
  if (!Number.isFinite(start) || !Number.isFinite(end) || start === 0) return null;
  return (end - start) / start;
}

export type WarningReason =
  | { kind: 'aumDecline'; firstDrop: number | null; secondDrop: number | null }
  | { kind: 'inactiveMobile'; lastLogin: string | null; days: number | null }
  | { kind: 'tag'; tag: string };

/**
 * Why a customer carries the warning flag, read from what the health rules leave behind: the tags
 * they add and the figures they compare (AUM month on month, the last mobile-banking login).
 */
export function warningReasons(customer: CustomerData, today: string): WarningReason[] {
  const tags = customer.tags ?? [];
  const reasons: WarningReason[] = [];
  const firstDrop = relativeChange(customer.aumTwoMonthsAgo, customer.aumLastMonth);
  const secondDrop = relativeChange(customer.aumLastMonth, customer.aum);
  if (tags.includes('aum_decline') || (firstDrop !== null && secondDrop !== null && firstDrop < 0 && secondDrop < 0)) {
    reasons.push({ kind: 'aumDecline', firstDrop, secondDrop });
  }
  const sinceLogin = daysUntil(customer.lastMobileLoginDate, today);
  if (tags.includes('inactive_mobile') || (sinceLogin !== null && -sinceLogin > 30)) {
    reasons.push({ kind: 'inactiveMobile', lastLogin: customer.lastMobileLoginDate ?? null, days: sinceLogin === null ? null : -sinceLogin });
  }
  return reasons;
}

export type TierKey = 'mass' | 'vip' | 'private';

export const tierColors: Record<TierKey, string> = { mass: 'blue', vip: 'gold', private: 'purple' };

export function tierColor(tier: string | undefined): string {
  return tier && tier in tierColors ? tierColors[tier as TierKey] : 'default';
}

export function formatChange(change: number | null): string {
  if (change === null) return '—';
  const percent = (change * 100).toFixed(1);
  return `${change > 0 ? '+' : ''}${percent}%`;
}

/** An amount for an axis or a point label: 12.3万 / 1.2亿 in zh-CN, 123K / 1.2M in en. */
export function compactAmount(value: number, locale: 'zh-CN' | 'en'): string {
  const trim = (number: number) => String(Number(number.toFixed(number >= 100 ? 0 : number >= 10 ? 1 : 2)));
  const size = Math.abs(value);
  if (locale === 'zh-CN') {
    if (size >= 1e8) return `${trim(value / 1e8)}亿`;
    if (size >= 1e4) return `${trim(value / 1e4)}万`;
    return trim(value);
  }
  if (size >= 1e9) return `${trim(value / 1e9)}B`;
  if (size >= 1e6) return `${trim(value / 1e6)}M`;
  if (size >= 1e3) return `${trim(value / 1e3)}K`;
  return trim(value);
}
