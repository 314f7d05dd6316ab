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

export function accepts(allowed: readonly VariableType[], actual: VariableType): boolean {
  return actual === 'any' || allowed.includes('any') || allowed.some((type) => compatible(type, actual) && (type !== 'string' || stringBacked.has(actual)));
}
