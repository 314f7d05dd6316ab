import { maskValue } from './mask-value';

describe('masking values', () => {
  it('keeps the front and back characters a mask names', () => {
    expect(maskValue('13812341234', 'mobile')).toBe('138****1234');
    expect(maskValue('11010519491231002X', { keepStart: 3, keepEnd: 4 })).toBe('110***********002X');
    expect(maskValue('6222021234567890128', 'bankCard')).toBe('6222***********0128');
    expect(maskValue('13812341234', { keepStart: 3, keepEnd: 4, char: '#' })).toBe('138####1234');
  });

  it('masks names and e-mail addresses by their shape', () => {
    expect(maskValue('张三', 'name')).toBe('张*');
    expect(maskValue('欧阳娜娜', 'name')).toBe('欧***');
    expect(maskValue('zhang.san@bank.cn', 'email')).toBe('z********@bank.cn');
  });

  it('never reveals a short value whole', () => {
    expect(maskValue('李', 'name')).toBe('*');
    expect(maskValue('1234', 'mobile')).toBe('12**');
  });

  it('masks the street of an address and hides what it cannot mask', () => {
    expect(maskValue({ region: { province: '310000' }, detail: '世纪大道100号' }, { keepStart: 2 })).toEqual({
      region: { province: '310000' },
      detail: '世纪******',
    });
    expect(maskValue({ storageKey: 'k' }, 'full')).toBe('******');
    expect(maskValue(12345678, { keepEnd: 2 })).toBe('******78');
    expect(maskValue(undefined, 'full')).toBeUndefined();
  });
});
