import Decimal from 'decimal.js';
import type { FieldDefinition } from '../definition/types';

/** Brings a computed rule's result to the field's result type where the conversion is lossless. */
export function coerceComputed(value: unknown, field: FieldDefinition): unknown {
  // NaN and infinities are what arithmetic over missing inputs gives: no value yet.
  if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return undefined;
  switch (field.resultType) {
    case 'money':
      if ((typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.trim() !== '')) {
        try {
          return new Decimal(value).toFixed(field.precision ?? 2, Decimal.ROUND_HALF_UP);
        } catch {
          return value;
        }
      }
      return value;
    case 'number':
    case 'integer': {
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof number !== 'number' || !Number.isFinite(number)) return value;
      if (field.resultType === 'integer') return Number.isInteger(number) ? number : value;
      return field.precision === undefined ? number : Number(number.toFixed(field.precision));
    }
    case 'string':
      return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : value;
    case 'datetime':
      return value instanceof Date ? value.toISOString() : value;
    default:
      return value;
  }
}
