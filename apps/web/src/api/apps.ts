import type { LocalizedText } from '@tessera/rules';
import type { ApiClient } from './client';

export interface AppSummary {
  key: string;
  name: LocalizedText | string;
  description?: LocalizedText | string;
  version?: string | number;
  status?: string;
  forms?: Array<{ key: string; title?: LocalizedText | string; version?: number }>;
  processes?: Array<{ key: string; name?: LocalizedText | string; version?: number }>;
  reports?: Array<{ key: string; title?: LocalizedText | string; dashboards?: Array<{ key: string; title?: LocalizedText | string }> }>;
  roles?: Array<{ key: string; name?: LocalizedText | string; label?: LocalizedText | string }>;
  updatedAt?: string;
}

export function fetchApps(api: ApiClient): Promise<AppSummary[]> {
  return api.request<AppSummary[] | { items: AppSummary[] }>('/apps').then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function fetchApp(api: ApiClient, appKey: string): Promise<AppSummary> {
  return api.request<AppSummary>(`/apps/${encodeURIComponent(appKey)}`);
}
