import type { FormDefinition } from '@tessera/ui';
import type { ApiClient } from './client';
import type { Page } from './tasks';

export interface SavedForm {
  key: string;
  version: number;
}

export function fetchForm(api: ApiClient, formKey: string, version?: number): Promise<FormDefinition> {
  return api.request<FormDefinition | { definition: FormDefinition }>(`/forms/${encodeURIComponent(formKey)}`, { query: { version } }).then((answer) =>
    'definition' in answer && typeof answer.definition === 'object' ? answer.definition : (answer as FormDefinition),
  );
}

export function saveForm(api: ApiClient, definition: FormDefinition): Promise<SavedForm> {
  return api.request<SavedForm>('/forms', { method: 'POST', body: definition });
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
