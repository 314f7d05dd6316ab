import type { ApiProblemDetail } from '../../api/api-error';
import type { AppSettingItem } from './app-settings-api';

/** What the form holds for one setting: the value being edited, or a pending return to the default. */
export interface SettingDraft {
  value: unknown;
  reset: boolean;
}

/** Each setting starts at what processes read now: the stored value, else the default. */
export function initialDrafts(items: AppSettingItem[]): Record<string, SettingDraft> {
  return Object.fromEntries(items.map((item) => [item.key, { value: item.problem ? item.default : (item.value ?? item.default), reset: false }]));
}

function same(left: unknown, right: unknown): boolean {
  return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
}

/** The body of the PUT: only what changed; null for a setting going back to its default. */
export function changedValues(items: AppSettingItem[], drafts: Record<string, SettingDraft>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const item of items) {
    const draft = drafts[item.key];
    if (!draft) continue;
    if (draft.reset) {
      if (item.value !== null) values[item.key] = null;
    } else if (!same(draft.value, item.problem ? item.default : (item.value ?? item.default))) {
      // A cleared number is sent as it is, so the server names it rather than the form guessing.
      values[item.key] = draft.value ?? '';
    }
  }
  return values;
}

/** Problems of a refused save by setting key: `settings.<key>` and `settings.<key>[i]` both land on the key. */
export function fieldProblems(details: ApiProblemDetail[]): Record<string, string[]> {
  const byKey: Record<string, string[]> = {};
  for (const detail of details) {
    const match = /^settings\.([A-Za-z][A-Za-z0-9_]*)(\[(\d+)\])?$/.exec(detail.path ?? '');
    if (!match) continue;
    const message = match[3] === undefined ? detail.message : `#${Number(match[3]) + 1}: ${detail.message}`;
    (byKey[match[1]!] ??= []).push(message);
  }
  return byKey;
}

/** A value as one line of text: lists joined, nothing as an empty string. */
export function displayValue(value: unknown, listSeparator = '、'): string {
  if (value === null || value === undefined || value === '') return '';
  if (Array.isArray(value)) return value.map(String).join(listSeparator);
  return String(value);
}
