import { dueText, slaState } from './sla';

const now = new Date('2026-03-02T12:00:00Z');

describe('the SLA state of a task', () => {
  it('is overdue once the due time has passed', () => {
    expect(slaState({ createdAt: '2026-03-01T09:00:00Z', dueAt: '2026-03-02T11:59:00Z' }, now)).toBe('overdue');
  });

  it('is due soon in the last quarter of its allowance', () => {
    // allowance 48 h, 10 h left: within 25 % (12 h)
    expect(slaState({ createdAt: '2026-02-28T22:00:00Z', dueAt: '2026-03-02T22:00:00Z' }, now)).toBe('dueSoon');
  });

  it('is on track with most of its allowance left', () => {
    expect(slaState({ createdAt: '2026-03-02T10:00:00Z', dueAt: '2026-03-05T10:00:00Z' }, now)).toBe('onTrack');
  });

  it('has no state without a due time, and is done once completed', () => {
    expect(slaState({ createdAt: '2026-03-02T10:00:00Z' }, now)).toBe('none');
    expect(slaState({ createdAt: '2026-03-02T10:00:00Z', dueAt: '2026-03-01T00:00:00Z', completedAt: '2026-03-01T00:00:00Z' }, now)).toBe('done');
  });
});

describe('the due time as the inbox words it', () => {
  const at = Date.parse('2026-03-02T12:00:00Z');

  it('counts what is left in minutes, hours or days', () => {
    expect(dueText(at + 2 * 3600_000, at, 'zh-CN')).toBe('2 小时后到期');
    expect(dueText(at + 25 * 60_000, at, 'zh-CN')).toBe('25 分钟后到期');
    expect(dueText(at + 3 * 86400_000, at, 'en')).toBe('due in 3 days');
    expect(dueText(at + 3600_000, at, 'en')).toBe('due in 1 hour');
  });

  it('says how late an overdue task is', () => {
    expect(dueText(at - 90 * 60_000, at, 'zh-CN')).toBe('已超时 2 小时');
    expect(dueText(at - 5 * 86400_000, at, 'en')).toBe('5 days overdue');
  });
});
