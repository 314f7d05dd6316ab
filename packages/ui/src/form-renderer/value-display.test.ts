import type { FieldDefinition } from '../form-model/form-definition';
import { displayValue, formatAmount } from './value-display';

const field = (patch: Partial<FieldDefinition>): FieldDefinition => ({ key: 'x', type: 'text', label: { 'zh-CN': 'X', en: 'X' }, ...patch });

describe('how read-only values read', () => {
  it('groups amounts by thousands with the field’s decimals, exactly', () => {
    expect(formatAmount('1234567.5', 2)).toBe('1,234,567.50');
    expect(formatAmount('12345678901234567.89', 2)).toBe('12,345,678,901,234,567.89');
    expect(formatAmount('-1000', 0)).toBe('-1,000');
    expect(formatAmount('***', 2)).toBe('***');
    expect(displayValue(field({ type: 'money', precision: 2 }), '500000', 'zh-CN')).toBe('¥500,000.00');
    expect(displayValue(field({ type: 'money', currency: 'USD' }), '12.5', 'en')).toBe('USD 12.50');
  });

  it('shows choices by their labels in the reader’s language', () => {
    const options = [
      { value: 'gold', label: { 'zh-CN': '金卡', en: 'Gold' } },
      { value: 'silver', label: { 'zh-CN': '银卡', en: 'Silver' } },
    ];
    expect(displayValue(field({ type: 'select', options }), 'gold', 'zh-CN')).toBe('金卡');
    expect(displayValue(field({ type: 'checkbox', options }), ['gold', 'silver'], 'zh-CN')).toBe('金卡、银卡');
    expect(displayValue(field({ type: 'checkbox', options }), ['gold', 'silver'], 'en')).toBe('Gold, Silver');
    expect(displayValue(field({ type: 'switch' }), true, 'zh-CN')).toBe('是');
  });

  it('shows masked text as the server sent it, and a dash for no value', () => {
    expect(displayValue(field({ type: 'mobile' }), '138****1234', 'zh-CN')).toBe('138****1234');
    expect(displayValue(field({}), undefined, 'zh-CN')).toBe('—');
    expect(displayValue(field({ type: 'checkbox' }), [], 'en')).toBe('—');
  });

  it('names related records and attachments', () => {
    expect(displayValue(field({ type: 'relation' }), { id: 'c-1', display: '张三' }, 'zh-CN')).toBe('张三');
    expect(displayValue(field({ type: 'attachment' }), [{ name: '收入证明.pdf' }, { name: '流水.xlsx' }], 'zh-CN')).toBe('收入证明.pdf、流水.xlsx');
  });
});
