import type { LocalizedText } from '@tessera/rules';
import type { ApiClient } from './client';

/** One installed app as `GET /api/apps` lists it. */
export interface AppSummary {
  key: string;
  name: LocalizedText | string;
  description?: LocalizedText | string;
  version?: string | number;
  status?: string;
  installedAt?: string;
  updatedAt?: string;
  forms?: Array<{ key: string; title?: LocalizedText | string; version?: number }>;
  processes?: Array<{ key: string; name?: LocalizedText | string; version?: number }>;
}

export interface AppRole {
  key: string;
  name?: LocalizedText | string;
  label?: LocalizedText | string;
}

export interface AppNavigationItem {
  key: string;
  label: LocalizedText | string;
  type: string;
  process?: string;
  form?: string;
  report?: string;
  dashboard?: string;
  roles?: string[];
}

/** An app's manifest (`app.json`) as installed. */
export interface AppManifest {
  key: string;
  version: string;
  name: LocalizedText | string;
  description?: LocalizedText | string;
  roles?: AppRole[];
  navigation?: AppNavigationItem[];
}

/** `GET /api/apps/:appKey`: the manifest and the keys of what the app holds. */
export interface AppDetail {
  key: string;
  version: string;
  manifest: AppManifest;
  forms: string[];
  processes: string[];
  reports: string[];
}

/** What an import installed (`POST /api/apps/import`). */
export interface ImportOutcome {
  key: string;
  version: string;
  unchanged: boolean;
  forms: string[];
  processes: string[];
  seededRecords: number;
  warnings: number;
}

/** One published or imported version of an app (`GET /api/apps/:appKey/versions`). */
export interface AppVersion {
  version: string;
  hash?: string;
  installedAt?: string | null;
  installedBy?: string | null;
  /** The version the app runs now (the last one installed). */
  current?: boolean;
  /** The version marked as released to users. */
  published?: boolean;
  publishedAt?: string | null;
  publishedBy?: string | null;
}

export function fetchApps(api: ApiClient): Promise<AppSummary[]> {
  return api.request<AppSummary[] | { items: AppSummary[] }>('/apps').then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function fetchApp(api: ApiClient, appKey: string): Promise<AppDetail> {
  return api.request<AppDetail>(`/apps/${encodeURIComponent(appKey)}`);
}

export function fetchAppVersions(api: ApiClient, appKey: string): Promise<AppVersion[]> {
  return api
    .request<AppVersion[] | { items: AppVersion[] }>(`/apps/${encodeURIComponent(appKey)}/versions`)
    .then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

/** Uploads a template zip as the multipart field `file`; a 422 carries every problem with its file and path. */
export function importAppZip(api: ApiClient, file: Blob, fileName: string): Promise<ImportOutcome> {
  const body = new FormData();
  body.append('file', file, fileName);
  // No content type: the browser writes the multipart boundary itself.
  return api.request<ImportOutcome>('/apps/import', { method: 'POST', raw: { body, contentType: '' } });
}

export function exportAppZip(api: ApiClient, appKey: string): Promise<{ blob: Blob; fileName: string | null }> {
  return api.download(`/apps/${encodeURIComponent(appKey)}/export`);
}

export function publishApp(api: ApiClient, appKey: string, body: { version?: string } = {}): Promise<{ key: string; version: string; publishedAt: string }> {
  return api.request(`/apps/${encodeURIComponent(appKey)}/publish`, { method: 'POST', body });
}
