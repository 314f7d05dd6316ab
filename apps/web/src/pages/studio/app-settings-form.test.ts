import type { AppSettingItem } from './app-settings-api';
import { changedValues, displayValue, fieldProblems, initialDrafts } from './app-settings-form';

const label = { 'zh-CN': '设置', en: 'Setting' };
const items: AppSettingItem[] = [
  { key: 'coreBankingUrl', type: 'string', format: 'url', label, default: 'http://stub/', value: 'https://core/', effective: 'https://core/', updatedBy: 'u1', updatedAt: '2026-11-23T10:00:00Z', problem: null },
  { key: 'riskCommittee', type: 'stringList', format: null, label, default: ['a', 'b'], value: null, effective: ['a', 'b'], updatedBy: null, updatedAt: null, problem: null },
  { key: 'days', type: 'number', format: null, label, default: 3, value: 'x', effective: 3, updatedBy: 'u1', updatedAt: null, problem: { code: 'setting.storedValueIgnored', message: 'ignored' } },
];

describe('the app settings form', () => {
  it('starts each setting at the value processes read now', () => {
    expect(initialDrafts(items)).toEqual({
      coreBankingUrl: { value: 'https://core/', reset: false },
      riskCommittee: { value: ['a', 'b'], reset: false },
      days: { value: 3, reset: false },
    });
  });

  it('sends only what changed, and null for a stored setting going back to its default', () => {
    const drafts = initialDrafts(items);
    expect(changedValues(items, drafts)).toEqual({});
    drafts.riskCommittee = { value: ['a'], reset: false };
    drafts.coreBankingUrl = { value: 'https://core/', reset: true };
    drafts.days = { value: null, reset: false };
    expect(changedValues(items, drafts)).toEqual({ riskCommittee: ['a'], coreBankingUrl: null, days: '' });
    // Resetting a setting that already uses its default changes nothing.
    expect(changedValues(items, { ...initialDrafts(items), riskCommittee: { value: ['a', 'b'], reset: true } })).toEqual({});
  });

  it('puts each problem of a refused save on its setting, list items included', () => {
    expect(
      fieldProblems([
        { path: 'settings.coreBankingUrl', code: 'setting.url', message: 'must be an http(s) address' },
        { path: 'settings.riskCommittee[1]', code: 'setting.listItem', message: 'must be a non-empty text' },
        { path: 'files', code: 'other', message: 'not a setting' },
      ]),
    ).toEqual({ coreBankingUrl: ['must be an http(s) address'], riskCommittee: ['#2: must be a non-empty text'] });
  });

  it('shows values as one line', () => {
    expect([displayValue(['a', 'b']), displayValue(null), displayValue(3), displayValue(false)]).toEqual(['a、b', '', '3', 'false']);
  });
});
