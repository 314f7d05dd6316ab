import { formatDateTime, formatDistance } from './format';

describe('formatting for the reader', () => {
  it('shows a missing date as a dash and keeps an unreadable one as is', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('—');
    expect(formatDateTime('tomorrow', 'en')).toBe('tomorrow');
  });

  it('says how long is left or how late a task is, in both languages', () => {
    const now = Date.parse('2026-03-02T12:00:00Z');
    expect(formatDistance(now, now + 3 * 3600_000, 'zh-CN')).toBe('剩余 3小时');
    expect(formatDistance(now, now - 3 * 86400_000, 'zh-CN')).toBe('已超期 3天');
    expect(formatDistance(now, now + 30 * 60_000, 'en')).toBe('30 min left');
    expect(formatDistance(now, now - 3 * 86400_000, 'en')).toBe('3 d overdue');
  });
});
