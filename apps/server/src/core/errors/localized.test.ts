import { localeFromHeader } from './localized';

describe('localeFromHeader', () => {
  it('defaults to Chinese when the caller names no language', () => {
    expect(localeFromHeader(undefined)).toBe('zh-CN');
    expect(localeFromHeader('')).toBe('zh-CN');
  });

  it('answers in English when English ranks first', () => {
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeFromHeader('fr-FR, en;q=0.5, zh;q=0.3')).toBe('en');
  });

  it('answers in Chinese when Chinese ranks above English', () => {
    expect(localeFromHeader('en;q=0.4, zh-CN;q=0.8')).toBe('zh-CN');
    expect(localeFromHeader('zh-TW')).toBe('zh-CN');
  });

  it('ignores languages the caller refuses with q=0', () => {
    expect(localeFromHeader('en;q=0, zh')).toBe('zh-CN');
  });
});
