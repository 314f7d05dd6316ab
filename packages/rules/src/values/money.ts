import Decimal from 'decimal.js';
import { RuleError } from '../rule-error';

/**
 * Exact decimal money. Amounts travel as decimal strings ("500000.00") and are computed with
 * decimal.js; a binary float never holds an amount. Rounding is half-up (四舍五入) unless stated.
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type MoneyValue = InstanceType<typeof Money>;

/** A plain decimal amount: no exponent, no thousands separators. */
export const amountPattern = /^[+-]?\d{1,24}(\.\d{1,40})?$/;
/** The largest magnitude an amount may reach: far beyond any balance, small enough to print in full. */
const ceiling = new Money('1e24');

export function invalidAmount(value: unknown): RuleError {
  const shown = typeof value === 'string' ? `"${value.slice(0, 40)}"` : typeof value === 'number' ? String(value) : typeof value;
  return new RuleError('money.invalid', '', {
    'zh-CN': `不是有效的金额：${shown}（应为 "500000.00" 这样的十进制数）`,
    en: `not a valid amount: ${shown} (expected a decimal such as "500000.00")`,
  });
}

const parsedAmounts = new Map<string, MoneyValue>();

/** Reads an amount; null for an absent one (null, undefined, ""), a RuleError for anything else. */
export function parseMoney(value: unknown): MoneyValue | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const known = parsedAmounts.get(value);
    if (known) return known;
    const text = value.trim();
    if (!amountPattern.test(text)) throw invalidAmount(value);
    const parsed = new Money(text);
    // Decimals are immutable, so the amounts a rule set keeps meeting (its thresholds) are shared.
    if (parsedAmounts.size >= 1024) parsedAmounts.clear();
    parsedAmounts.set(value, parsed);
    return parsed;
  }
  // A JSON number is read through its shortest decimal text (0.1 is "0.1"), never its binary value.
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e21) return new Money(String(value));
  throw invalidAmount(value);
}

export function requireWithinRange(value: MoneyValue): MoneyValue {
  if (value.abs().gte(ceiling)) {
    throw new RuleError('money.overflow', '', {
      'zh-CN': '金额超出范围（绝对值须小于 10^24）',
      en: 'the amount is out of range (its magnitude must stay below 10^24)',
    });
  }
  return value;
}

/** An amount as text: exact, without exponent, with at least two decimals ("12.50", "0.125"). */
export function formatMoney(value: MoneyValue): string {
  requireWithinRange(value);
  const fixed = value.decimalPlaces() < 2 ? value.toFixed(2) : value.toFixed();
  return fixed === '-0.00' ? '0.00' : fixed;
}

export const roundingModes: Record<string, Decimal.Rounding> = {
  HALF_UP: Decimal.ROUND_HALF_UP,
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
  HALF_DOWN: Decimal.ROUND_HALF_DOWN,
  UP: Decimal.ROUND_UP,
  DOWN: Decimal.ROUND_DOWN,
  CEILING: Decimal.ROUND_CEIL,
  FLOOR: Decimal.ROUND_FLOOR,
};
