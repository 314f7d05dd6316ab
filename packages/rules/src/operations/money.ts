import { RuleError } from '../rule-error';
import { formatMoney, Money, parseMoney, roundingModes, type MoneyValue } from '../values/money';
import type { Operation } from './operation';

/* Exact decimal money on decimal strings. An absent amount (null, "") makes arithmetic give null
 * and comparisons false, the way an empty field should not decide a rule. */

const amount = ['money', 'number', 'integer', 'string', 'any'] as const;

function amounts(values: unknown[]): MoneyValue[] | null {
  const parsed: MoneyValue[] = [];
  for (const value of values) {
    const amountValue = parseMoney(value);
    if (!amountValue) return null;
    parsed.push(amountValue);
  }
  return parsed;
}

function comparison(name: string, summary: string, holds: (order: number) => boolean, example: Operation['examples'][number]): Operation {
  return {
    name,
    category: 'money',
    summary,
    examples: [example],
    arity: [2, 2],
    pure: true,
    call(values) {
      const parsed = amounts(values);
      return parsed ? holds(parsed[0]!.comparedTo(parsed[1]!)) : false;
    },
    signature: { accepts: [amount], returns: 'boolean' },
  };
}

export const moneyOperations: readonly Operation[] = [
  {
    name: 'money+',
    category: 'money',
    summary: 'Exact sum of amounts, as a decimal string with at least two decimals.',
    examples: [{ rule: { 'money+': ['0.10', '0.20', 100] }, result: '100.30' }],
    arity: [1, Infinity],
    pure: true,
    call(values) {
      const parsed = amounts(values);
      return parsed ? formatMoney(parsed.reduce((sum, value) => sum.plus(value), new Money(0))) : null;
    },
    signature: { accepts: [amount], returns: 'money' },
  },
  {
    name: 'money-',
    category: 'money',
    summary: 'Exact difference of two amounts (or the negation of one).',
    examples: [{ rule: { 'money-': [{ var: 'limit' }, { var: 'used' }] }, data: { limit: '50000.00', used: '12345.67' }, result: '37654.33' }],
    arity: [1, 2],
    pure: true,
    call(values) {
      const parsed = amounts(values);
      if (!parsed) return null;
      return formatMoney(parsed.length === 1 ? parsed[0]!.negated() : parsed[0]!.minus(parsed[1]!));
    },
    signature: { accepts: [amount], returns: 'money' },
  },
  {
    name: 'money*',
    category: 'money',
    summary: 'Exact product of an amount and factors (rates, counts); round it with `moneyRound`.',
    examples: [{ rule: { 'money*': ['10000.00', '0.0385'] }, result: '385.00' }],
    arity: [2, Infinity],
    pure: true,
    call(values) {
      const parsed = amounts(values);
      return parsed ? formatMoney(parsed.slice(1).reduce((product, value) => product.times(value), parsed[0]!)) : null;
    },
    signature: { accepts: [amount], returns: 'money' },
  },
  {
    name: 'money/',
    category: 'money',
    summary: 'Quotient of two amounts to 40 significant digits; dividing by zero is an error.',
    examples: [{ rule: { moneyRound: { 'money/': ['100.00', 3] } }, result: '33.33' }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const parsed = amounts(values);
      if (!parsed) return null;
      if (parsed[1]!.isZero()) {
        throw new RuleError('money.division_by_zero', '', { 'zh-CN': '金额除以零', en: 'an amount divided by zero' });
      }
      return formatMoney(parsed[0]!.dividedBy(parsed[1]!));
    },
    signature: { accepts: [amount], returns: 'money' },
  },
  comparison('money<', 'Whether the first amount is less than the second (false when either is absent).', (order) => order < 0, {
    rule: { 'money<': ['999.99', '1000'] },
    result: true,
  }),
  comparison('money<=', 'Whether the first amount is at most the second.', (order) => order <= 0, { rule: { 'money<=': ['1000.00', '1000'] }, result: true }),
  comparison('money>', 'Whether the first amount is more than the second.', (order) => order > 0, {
    rule: { 'money>': [{ var: 'aum' }, '500000'] },
    data: { aum: '500000.01' },
    result: true,
  }),
  comparison('money>=', 'Whether the first amount is at least the second.', (order) => order >= 0, { rule: { 'money>=': ['0.30', { 'money+': ['0.10', '0.20'] }] }, result: true }),
  comparison('money==', 'Whether two amounts are equal in value ("1.5" equals "1.50").', (order) => order === 0, { rule: { 'money==': ['1.5', '1.50'] }, result: true }),
  {
    name: 'moneyRound',
    category: 'money',
    summary:
      'An amount rounded to a number of decimals (default 2, to the fen) with a mode: HALF_UP (default, 四舍五入), HALF_EVEN, HALF_DOWN, UP, DOWN, CEILING, FLOOR.',
    examples: [
      { rule: { moneyRound: ['2.345'] }, result: '2.35' },
      { rule: { moneyRound: ['2.345', 2, 'HALF_EVEN'] }, result: '2.34' },
      { rule: { moneyRound: ['1234.5', 0] }, result: '1235' },
    ],
    arity: [1, 3],
    pure: true,
    call(values) {
      const value = parseMoney(values[0]);
      if (!value) return null;
      const places = values[1] === undefined || values[1] === null ? 2 : Number(values[1]);
      const modeName = values[2] === undefined || values[2] === null ? 'HALF_UP' : String(values[2]);
      const mode = roundingModes[modeName];
      if (!Number.isInteger(places) || places < 0 || places > 16) {
        throw new RuleError('money.invalid_places', '', {
          'zh-CN': `小数位数必须是 0 到 16 的整数，实际为 ${String(values[1])}`,
          en: `decimal places must be a whole number from 0 to 16, not ${String(values[1])}`,
        });
      }
      if (mode === undefined) {
        throw new RuleError('money.invalid_rounding', '', {
          'zh-CN': `未知的舍入方式 "${modeName}"`,
          en: `unknown rounding mode "${modeName}" (use ${Object.keys(roundingModes).join(', ')})`,
        });
      }
      const rounded = value.toDecimalPlaces(places, mode);
      formatMoney(rounded);
      const text = rounded.toFixed(places);
      return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
    },
    signature: { accepts: [amount, ['integer', 'number', 'any'], ['string', 'any']], returns: 'money' },
  },
];
