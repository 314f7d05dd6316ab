import { readPath } from '../property-path';
import { RuleError } from '../rule-error';
import { truthy } from '../truthy';
import { formatMoney, Money, parseMoney, type MoneyValue } from '../values/money';
import { chargeIterations } from './iteration-budget';
import type { Operation, Runtime } from './operation';

/* Aggregates over arrays — typically a subform's rows. Sums are exact: numbers give a number,
 * and as soon as one value is a decimal string (an amount) the result is a decimal string. */

function rowsOf(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new RuleError('array.invalid', '', { 'zh-CN': '需要数组（如子表的行）', en: 'expected an array (such as the rows of a subform)' });
  }
  return value;
}

function fieldName(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new RuleError('array.invalid_field', '', { 'zh-CN': '字段名必须是文本', en: 'the field name must be text' });
  }
  return value;
}

/** The values to aggregate: the rows themselves, or one field of each; absent values are skipped. */
function numericValues(values: unknown[], runtime: Runtime): { numbers: MoneyValue[]; asText: boolean } {
  const rows = rowsOf(values[0]);
  chargeIterations(runtime, rows.length, '');
  const field = fieldName(values[1]);
  const numbers: MoneyValue[] = [];
  let asText = false;
  rows.forEach((row, index) => {
    const value = field === undefined ? row : readPath(row, field);
    if (typeof value === 'string' && value !== '') asText = true;
    try {
      const parsed = parseMoney(value);
      if (parsed) numbers.push(parsed);
    } catch {
      throw new RuleError('array.not_numeric', '', {
        'zh-CN': `第 ${index + 1} 行${field ? `的 ${field}` : ''}不是数值`,
        en: `row ${index + 1}${field ? `, field ${field},` : ''} is not a number`,
      });
    }
  });
  return { numbers, asText };
}

const arraySignature = (returns: 'number' | 'integer' | 'array') => ({ accepts: [['array', 'any'] as const, ['string', 'any'] as const], returns });

export const arrayOperations: readonly Operation[] = [
  {
    name: 'count',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'The number of items of an array; with a rule, the number of items for which it is truthy (`var` reads the item).',
    examples: [
      { rule: { count: { var: 'guarantors' } }, data: { guarantors: [{}, {}] }, result: 2 },
      { rule: { count: [{ var: 'loans' }, { '==': [{ var: 'status' }, 'overdue'] }] }, data: { loans: [{ status: 'overdue' }, { status: 'ok' }] }, result: 1 },
    ],
    arity: [1, 2],
    compile(args, scope) {
      const source = scope.compileArgument(0);
      const condition = args.length > 1 ? scope.compileArgument(1) : undefined;
      const path = scope.path;
      return (data, runtime) => {
        let rows: unknown[];
        try {
          rows = rowsOf(source(data, runtime));
        } catch (error) {
          throw error instanceof RuleError ? error.at(path) : error;
        }
        if (!condition) return rows.length;
        chargeIterations(runtime, rows.length, path);
        let count = 0;
        for (const row of rows) if (truthy(condition(row, runtime))) count++;
        return count;
      };
    },
    signature: { returns: 'integer', scoped: { array: 0, rule: 1 } },
  },
  {
    name: 'sum',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'Exact sum of an array, or of one field of each row; absent values are skipped; [] gives 0.',
    examples: [
      { rule: { sum: [{ var: 'rows' }, 'amount'] }, data: { rows: [{ amount: '0.10' }, { amount: '0.20' }] }, result: '0.30' },
      { rule: { sum: [[0.1, 0.2]] }, result: 0.3 },
    ],
    arity: [1, 2],
    call(values, runtime) {
      const { numbers, asText } = numericValues(values, runtime);
      const total = numbers.reduce((sum, value) => sum.plus(value), new Money(0));
      return asText ? formatMoney(total) : total.toNumber();
    },
    signature: { ...arraySignature('number'), returns: 'any' },
  },
  {
    name: 'avg',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'Exact average of an array or of one field of each row (absent values skipped); null when there is none.',
    examples: [{ rule: { avg: [{ var: 'scores' }] }, data: { scores: [70, 80, 90] }, result: 80 }],
    arity: [1, 2],
    call(values, runtime) {
      const { numbers, asText } = numericValues(values, runtime);
      if (numbers.length === 0) return null;
      const mean = numbers.reduce((sum, value) => sum.plus(value), new Money(0)).dividedBy(numbers.length);
      return asText ? formatMoney(mean.toDecimalPlaces(10)) : mean.toNumber();
    },
    signature: { ...arraySignature('number'), returns: 'any' },
  },
  {
    name: 'pluck',
    needsRuntime: true,
    iterates: true,
    category: 'array',
    summary: 'One field (a dotted path) of each row; rows without it give null.',
    examples: [{ rule: { pluck: [{ var: 'owners' }, 'name'] }, data: { owners: [{ name: '王芳' }, { name: '赵强' }] }, result: ['王芳', '赵强'] }],
    arity: [2, 2],
    call(values, runtime) {
      const rows = rowsOf(values[0]);
      chargeIterations(runtime, rows.length, '');
      const field = fieldName(values[1]) ?? '';
      return rows.map((row) => {
        const value = readPath(row, field);
        return value === undefined ? null : value;
      });
    },
    signature: arraySignature('array'),
  },
];
