import { compareDecimal, DECIMAL_PATTERN } from '../values/money';
import type { FieldTypeSpec } from './spec';

const decimalString = { type: 'string', pattern: DECIMAL_PATTERN };

/** Money: a decimal string, never a float; `min` defaults to "0" (amounts are not negative unless allowed). */
export const money: FieldTypeSpec = {
  type: 'money',
  hasValue: true,
  maskable: true,
  definitionProperties: {
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
    precision: { type: 'integer', minimum: 0, maximum: 8 },
    min: decimalString,
    max: decimalString,
  },
  variable: () => 'money',
  valueSchema: () => ({ type: 'string', pattern: DECIMAL_PATTERN, maxLength: 40 }),
  errorCodes: { pattern: 'money.format', maxLength: 'money.format', type: 'money.format' },
  check: (value, field) => {
    const amount = value as string;
    const precision = field.precision ?? 2;
    const dot = amount.indexOf('.');
    if (dot >= 0 && amount.length - dot - 1 > precision) return { code: 'money.precision', params: { precision } };
    const min = (field.min as string | undefined) ?? '0';
    const below = min === '0' ? amount.charCodeAt(0) === 45 && !/^-0(\.0*)?$/.test(amount) : compareDecimal(amount, min) < 0;
    if (below) return { code: 'money.min', params: { min } };
    if (field.max !== undefined && compareDecimal(amount, field.max as string) > 0) return { code: 'money.max', params: { max: field.max } };
    return null;
  },
};
