import type { FieldDefinition } from '../definition/types';
import { coerceComputed } from './computed-value';

const computed = (resultType: FieldDefinition['resultType'], precision?: number): FieldDefinition => ({
  key: 'x',
  type: 'computed',
  label: { 'zh-CN': 'x', en: 'x' },
  resultType,
  ...(precision === undefined ? {} : { precision }),
});

describe('bringing computed results to their type', () => {
  it('writes money with its precision, rounding half up', () => {
    expect(coerceComputed(1234.5, computed('money'))).toBe('1234.50');
    expect(coerceComputed('2.345', computed('money'))).toBe('2.35');
    expect(coerceComputed('7', computed('money', 0))).toBe('7');
  });

  it('reads numbers from numeric text and rounds to a precision', () => {
    expect(coerceComputed('42', computed('integer'))).toBe(42);
    expect(coerceComputed(1.23456, computed('number', 2))).toBe(1.23);
    expect(coerceComputed(1.5, computed('integer'))).toBe(1.5);
  });

  it('treats what arithmetic over missing inputs gives as no value', () => {
    expect(coerceComputed(Number.NaN, computed('number'))).toBeUndefined();
    expect(coerceComputed(null, computed('string'))).toBeUndefined();
    expect(coerceComputed(Infinity, computed('money'))).toBeUndefined();
  });

  it('turns numbers into text and dates into ISO strings', () => {
    expect(coerceComputed(12, computed('string'))).toBe('12');
    expect(coerceComputed(new Date('2026-11-23T08:00:00Z'), computed('date'))).toBe('2026-11-23');
    expect(coerceComputed(new Date('2026-11-23T08:00:00Z'), computed('datetime'))).toBe('2026-11-23T08:00:00.000Z');
  });
});
