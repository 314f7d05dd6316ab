import { textFor } from './ui-locale';

describe('component texts', () => {
  const table = { greet: { 'zh-CN': '{name}，您好', en: 'Hello, {name}' } };

  it('gives the reader’s language with placeholders filled', () => {
    expect(textFor(table, 'zh-CN')('greet', { name: '张三' })).toBe('张三，您好');
    expect(textFor(table, 'en')('greet', { name: 'Li' })).toBe('Hello, Li');
  });

  it('leaves an unknown placeholder visible rather than empty', () => {
    expect(textFor(table, 'en')('greet')).toBe('Hello, {name}');
  });
});
