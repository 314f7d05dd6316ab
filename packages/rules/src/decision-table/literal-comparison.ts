import { amountPattern, Money } from '../values/money';

export type Literal = number | string | boolean | null;

/**
 * Orders an input value against a cell's literal: numbers against numbers or decimal strings
 * (amounts compared exactly), strings against strings (ISO dates order as text), booleans by
 * equality. Undefined when the two cannot be compared — the test then fails.
 */
export function compareLiteral(value: unknown, literal: Literal): number | undefined {
  if (value === null || value === undefined) return literal === null ? 0 : undefined;
  if (typeof literal === 'number') {
    if (typeof value === 'number') return value < literal ? -1 : value > literal ? 1 : value === literal ? 0 : undefined;
    if (typeof value === 'string' && amountPattern.test(value.trim())) return new Money(value.trim()).comparedTo(literal);
    return undefined;
  }
  if (typeof literal === 'string') {
    if (typeof value !== 'string') return undefined;
    return value < literal ? -1 : value > literal ? 1 : 0;
  }
  if (typeof literal === 'boolean') return value === literal ? 0 : undefined;
  return undefined;
}
