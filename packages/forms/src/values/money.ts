import Decimal from 'decimal.js';

/** Money values are decimal strings ("500000.00"); amounts are never held in binary floats. */
export const DECIMAL_PATTERN = '^-?(0|[1-9]\\d*)(\\.\\d+)?$';
const DECIMAL = new RegExp(DECIMAL_PATTERN);

/** A decimal string with at most `precision` fraction digits (and a sign only when allowed). */
export function moneyPattern(precision: number, allowNegative = true): string {
  const fraction = precision > 0 ? `(\\.\\d{1,${precision}})?` : '';
  return `^${allowNegative ? '-?' : ''}(0|[1-9]\\d*)${fraction}$`;
}

export function isDecimalString(value: unknown): value is string {
  return typeof value === 'string' && DECIMAL.test(value);
}

/** Compares two decimal strings exactly: -1, 0 or 1. */
export function compareDecimal(left: string, right: string): number {
  return new Decimal(left).comparedTo(new Decimal(right));
}

/** Renders a number or decimal string with exactly `precision` fraction digits (half-up). */
export function formatMoney(value: string | number, precision: number): string {
  return new Decimal(value).toFixed(precision, Decimal.ROUND_HALF_UP);
}
