import { renderToStaticMarkup } from 'react-dom/server';
import { LocalizedLabel } from './localized-label';

describe('LocalizedLabel', () => {
  it('renders the text of the chosen locale', () => {
    const text = { 'zh-CN': '客户经理', en: 'Account manager' };
    expect(renderToStaticMarkup(<LocalizedLabel text={text} locale="zh-CN" />)).toBe('<span lang="zh-CN">客户经理</span>');
    expect(renderToStaticMarkup(<LocalizedLabel text={text} locale="en" />)).toBe('<span lang="en">Account manager</span>');
  });
});
