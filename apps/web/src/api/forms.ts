import type { FormDefinition } from '@tessera/ui';
import type { ApiClient } from './client';
import type { Page } from './tasks';

export interface SavedForm {
  key: string;
  version: number;
}

export interface StoredForm {
  appKey: string;
  key: string;
  version: number;
  definition: FormDefinition;
}

export function fetchForm(api: ApiClient, formKey: string, version?: number): Promise<StoredForm> {
  return api.request<StoredForm>(`/forms/${encodeURIComponent(formKey)}`, { query: { version } });
}

export function saveForm(api: ApiClient, appKey: string, definition: FormDefinition): Promise<SavedForm> {
  return api.request<SavedForm>('/forms', { method: 'POST', body: { appKey, definition } });
}

export interface RecordItem {
  id: string;
  version: number;
  data: Record<string, unknown>;
  createdAt?: string;
  updatedAt?: string;
  createdBy?: string;
}

export function fetchRecords(api: ApiClient, formKey: string, query: { page: number; pageSize: number; q?: string; sort?: string; filter?: unknown }): Promise<Page<RecordItem>> {
  return api.request<Page<RecordItem>>(`/forms/${encodeURIComponent(formKey)}/records`, {
    query: { page: query.page, pageSize: query.pageSize, q: query.q, sort: query.sort, filter: query.filter === undefined ? undefined : JSON.stringify(query.filter) },
  });
}

export interface FormSummary {
  appKey: string;
  key: string;
  version: number;
  title: import('@tessera/rules').LocalizedText | string;
}

export function fetchForms(api: ApiClient, appKey?: string): Promise<FormSummary[]> {
  return api.request<{ items: FormSummary[] }>('/forms', { query: { appKey } }).then((answer) => answer.items);
}
