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

function compareMagnitudes(left: string, right: string): number {
  const leftDot = left.indexOf('.');
  const rightDot = right.indexOf('.');
  const leftInteger = leftDot < 0 ? left : left.slice(0, leftDot);
  const rightInteger = rightDot < 0 ? right : right.slice(0, rightDot);
  if (leftInteger.length !== rightInteger.length) return leftInteger.length < rightInteger.length ? -1 : 1;
  if (leftInteger !== rightInteger) return leftInteger < rightInteger ? -1 : 1;
  const leftFraction = (leftDot < 0 ? '' : left.slice(leftDot + 1)).replace(/0+$/, '');
  const rightFraction = (rightDot < 0 ? '' : right.slice(rightDot + 1)).replace(/0+$/, '');
  return leftFraction === rightFraction ? 0 : leftFraction < rightFraction ? -1 : 1;
}

/**
 * Compares two decimal strings exactly: -1, 0 or 1. Plain decimals (`-12.50`) are compared as
 * text, digit by digit, which is exact and much cheaper than parsing; anything else goes through decimal.js.
 */
export function compareDecimal(left: string, right: string): number {
  if (!DECIMAL.test(left) || !DECIMAL.test(right)) return new Decimal(left).comparedTo(new Decimal(right));
  const leftNegative = left.startsWith('-');
  const rightNegative = right.startsWith('-');
  const magnitude = compareMagnitudes(leftNegative ? left.slice(1) : left, rightNegative ? right.slice(1) : right);
  if (leftNegative === rightNegative) return leftNegative && magnitude !== 0 ? -magnitude : magnitude;
  // "-0" and "0" are equal; otherwise the negative one is smaller.
  if (magnitude === 0 && /^-?0(\.0*)?$/.test(left) && /^-?0(\.0*)?$/.test(right)) return 0;
  return leftNegative ? -1 : 1;
}

/** Renders a number or decimal string with exactly `precision` fraction digits (half-up). */
export function formatMoney(value: string | number, precision: number): string {
  return new Decimal(value).toFixed(precision, Decimal.ROUND_HALF_UP);
}
