import type { LocalizedText } from '@tessera/rules';
import type { ApiClient } from './client';

export type InboxView = 'mine' | 'candidate' | 'overdue' | 'started' | 'done';

export interface TaskSummary {
  id: string;
  name: LocalizedText | string;
  elementId?: string;
  instanceId: string;
  processKey?: string;
  processName?: LocalizedText | string;
  businessKey?: string | null;
  assignee?: string | null;
  candidateRoles?: string[];
  status?: string;
  createdAt: string;
  dueAt?: string | null;
  completedAt?: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function fetchInbox(api: ApiClient, view: InboxView, page = 1, pageSize = 20): Promise<Page<TaskSummary>> {
  return api.request<Page<TaskSummary> | TaskSummary[]>('/tasks', { query: { view, page, pageSize } }).then((answer) =>
    // The contract names a page; a plain list is accepted too so an early server still shows.
    Array.isArray(answer) ? { items: answer, total: answer.length, page: 1, pageSize: answer.length } : answer,
  );
}
