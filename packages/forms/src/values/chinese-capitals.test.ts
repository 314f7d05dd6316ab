import { toChineseCapitals } from './chinese-capitals';

describe('amounts in Chinese capitals', () => {
  it.each([
    ['1234.56', '壹仟贰佰叁拾肆元伍角陆分'],
    ['100', '壹佰元整'],
    ['0', '零元整'],
    ['0.05', '伍分'],
    ['0.5', '伍角'],
    ['1.50', '壹元伍角'],
    ['100.05', '壹佰元零伍分'],
    ['10', '壹拾元整'],
    ['1005', '壹仟零伍元整'],
    ['100010', '壹拾万零壹拾元整'],
    ['10001000', '壹仟万壹仟元整'],
    ['10000001', '壹仟万零壹元整'],
    ['100000001', '壹亿零壹元整'],
    ['100001000', '壹亿零壹仟元整'],
    ['110000000', '壹亿壹仟万元整'],
    ['500000.00', '伍拾万元整'],
    ['1000000000000', '壹万亿元整'],
    ['-35.2', '负叁拾伍元贰角'],
  ])('writes %s as %s', (amount, capitals) => {
    expect(toChineseCapitals(amount)).toBe(capitals);
  });

  it('rounds to fen half-up and accepts numbers', () => {
    expect(toChineseCapitals('0.125')).toBe('壹角叁分');
    expect(toChineseCapitals(88)).toBe('捌拾捌元整');
  });

  it('refuses what is not an amount', () => {
    expect(() => toChineseCapitals('12,00')).toThrow(RangeError);
    expect(() => toChineseCapitals('1e20')).toThrow(/too large/);
  });
});
