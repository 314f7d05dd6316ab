import type { VariableType } from './variable-schema';

/** Types that hold the same kind of quantity: comparing across them is almost always a mistake. */
const family: Record<VariableType, string> = {
  number: 'number',
  integer: 'number',
  money: 'number',
  date: 'date',
  datetime: 'date',
  time: 'time',
  string: 'string',
  boolean: 'boolean',
  array: 'array',
  object: 'object',
  any: 'any',
};

/** Types stored as strings: a string literal may stand for any of them. */
const stringBacked = new Set<VariableType>(['string', 'date', 'datetime', 'time', 'money']);

export function compatible(left: VariableType, right: VariableType): boolean {
  if (left === 'any' || right === 'any') return true;
  if (family[left] === family[right]) return true;
  if (left === 'string') return stringBacked.has(right);
  if (right === 'string') return stringBacked.has(left);
  return false;
}

/** Whether an argument of type `actual` fits a parameter accepting `allowed` (`any` always fits). */
export function accepts(allowed: readonly VariableType[], actual: VariableType): boolean {
  return actual === 'any' || allowed.some((type) => type !== 'any' && compatible(type, actual));
}
