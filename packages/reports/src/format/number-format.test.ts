import { formatDuration, formatMoney, formatPercent, formatValue, moneyScale } from './number-format';

describe('number formats', () => {
  it('writes large amounts in 万 and 亿, and K / M / B in English', () => {
    expect(formatMoney(123456789.12)).toBe('1.23亿');
    expect(formatMoney(45678.9)).toBe('4.57万');
    expect(formatMoney(9999.5)).toBe('9,999.50');
    expect(formatMoney(-250000, 'zh-CN', { currency: 'CNY' })).toBe('-¥25.00万');
    expect(formatMoney(2500000, 'en', { currency: 'USD', decimals: 1 })).toBe('$2.5M');
  });

  it('writes ratios as percentages', () => {
    expect(formatPercent(0.1234)).toBe('12.3%');
    expect(formatValue(0.5, { type: 'percent', decimals: 0 })).toBe('50%');
  });

  it('writes durations in days, hours and minutes in both languages', () => {
    expect(formatDuration(26.5, 'hours')).toBe('1天2小时');
    expect(formatDuration(0.75, 'hours', 'en')).toBe('45 min');
    expect(formatDuration(3, 'days')).toBe('3个工作日');
    expect(formatDuration(1, 'days', 'en')).toBe('1 working day');
  });

  it('leaves missing values empty and groups plain numbers', () => {
    expect(formatValue(null, { type: 'money' })).toBe('');
    expect(formatValue(1234567, undefined, 'en')).toBe('1,234,567');
  });

  it('chooses the unit of an amount axis from its largest value', () => {
    expect(moneyScale([12, 3.5e8]).unit['zh-CN']).toBe('亿元');
    expect(moneyScale([120000]).divisor).toBe(1e4);
    expect(moneyScale([]).divisor).toBe(1);
  });
});
