import { messages, translate } from './messages';

describe('messages', () => {
  it('gives every zh-CN text an English one and no more', () => {
    expect(Object.keys(messages.en).sort()).toEqual(Object.keys(messages['zh-CN']).sort());
  });

  it('leaves no text empty', () => {
    for (const table of Object.values(messages)) {
      for (const [key, text] of Object.entries(table)) expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });

  it('fills placeholders', () => {
    expect(translate('zh-CN', 'health.migrationsState', { applied: 3, pending: 0 })).toBe('已执行 3 个，待执行 0 个');
    expect(translate('en', 'health.migrationsState', { applied: 3, pending: 0 })).toBe('3 applied, 0 pending');
  });
});
