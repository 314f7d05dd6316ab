import type { FieldTypeSpec } from './spec';

function numericSpec(type: 'number' | 'integer' | 'percent'): FieldTypeSpec {
  return {
    type,
    hasValue: true,
    maskable: true,
    definitionProperties: { min: { type: 'number' }, max: { type: 'number' }, precision: { type: 'integer', minimum: 0, maximum: 10 } },
    variable: () => (type === 'integer' ? 'integer' : 'number'),
    valueSchema: (field) => ({
      type: type === 'integer' ? 'integer' : 'number',
      ...(typeof field.min === 'number' ? { minimum: field.min } : {}),
      ...(typeof field.max === 'number' ? { maximum: field.max } : {}),
    }),
    errorCodes: type === 'integer' ? { type: 'number.integer' } : {},
    check: (value, field) => {
      if (field.precision === undefined || type === 'integer') return null;
      const [, fraction = ''] = String(value).split('.');
      return fraction.length > field.precision ? { code: 'number.precision', params: { precision: field.precision } } : null;
    },
  };
}

export const number = numericSpec('number');
export const integer = numericSpec('integer');
export const percent = numericSpec('percent');
