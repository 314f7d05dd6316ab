import type { LocalizedText } from '@tessera/rules';
import type { ApiClient } from '../../api/client';

/** One declared setting as `GET /api/apps/:appKey/settings` answers it. */
export interface AppSettingItem {
  key: string;
  type: 'string' | 'number' | 'boolean' | 'stringList';
  format: 'url' | null;
  label: LocalizedText;
  default: unknown;
  /** The stored value; null when the default applies. */
  value: unknown;
  effective: unknown;
  updatedBy: string | null;
  updatedAt: string | null;
  problem: { code: string; message: LocalizedText | string } | null;
}

/** A stored value the installed version no longer declares. */
export interface UndeclaredAppSetting {
  key: string;
  value: unknown;
  message: LocalizedText | string;
}

export interface AppSettings {
  appKey: string;
  version: string;
  items: AppSettingItem[];
  undeclared: UndeclaredAppSetting[];
}

function settingsPath(appKey: string): string {
  return `/apps/${encodeURIComponent(appKey)}/settings`;
}

export function fetchAppSettings(api: ApiClient, appKey: string): Promise<AppSettings> {
  return api.request<AppSettings>(settingsPath(appKey));
}

/** `{ key: value }`, null putting a setting back to its default; a 422 names each wrong `settings.<key>`. */
export function saveAppSettings(api: ApiClient, appKey: string, values: Record<string, unknown>): Promise<AppSettings> {
  return api.request<AppSettings>(settingsPath(appKey), { method: 'PUT', body: values });
}
