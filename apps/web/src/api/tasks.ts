import type { LocalizedText } from '@tessera/rules';
import type { ApiClient } from './client';

export type InboxView = 'mine' | 'candidate' | 'overdue' | 'escalated' | 'started' | 'done';

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
  /** Set when the task's SLA ran out and it went up to a supervisor. */
  escalated?: boolean;
  escalatedAt?: string | null;
  /** The process's title, when the server sends it (else `processName` or the key). */
  processTitle?: LocalizedText | string | null;
  /** Candidate roles with their labels from the app's manifest. */
  candidateRoleLabels?: RoleLabels | null;
  formTitle?: LocalizedText | string | null;
}

/** Labels of roles: a list of `{ key, label }` or a map from role key to label. */
export type RoleLabels = Array<{ key: string; label?: LocalizedText | string; name?: LocalizedText | string }> | Record<string, LocalizedText | string>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The inbox answers a whole list (the server caps it); the table pages through it. */
export function fetchInbox(api: ApiClient, view: InboxView): Promise<TaskSummary[]> {
  return api.request<Page<TaskSummary> | TaskSummary[]>('/tasks', { query: { view } }).then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export interface TaskDetail extends TaskSummary {
  appKey: string;
  processKey: string;
  elementId: string;
  formKey: string | null;
  owner: string | null;
  candidateUsers: string[];
  priority: number;
  overdue: boolean;
  completedBy: string | null;
  outcome: string | null;
  step: string;
  form: import('@tessera/ui').FormDefinition | null;
  data: Record<string, unknown> | null;
}

export function fetchTask(api: ApiClient, taskId: string): Promise<TaskDetail> {
  return api.request(`/tasks/${encodeURIComponent(taskId)}`);
}

export type TaskOperation =
  | { kind: 'claim' }
  | { kind: 'unclaim' }
  | { kind: 'complete'; data: Record<string, unknown>; comment?: string }
  | { kind: 'transfer'; to: string }
  | { kind: 'delegate'; to: string }
  | { kind: 'return'; toElementId: string; comment?: string }
  | { kind: 'add-signer'; user: string; position: 'before' | 'after' }
  | { kind: 'withdraw' }
  | { kind: 'remind' };

export function operateTask(api: ApiClient, taskId: string, operation: TaskOperation): Promise<unknown> {
  const { kind, ...body } = operation;
  return api.request(`/tasks/${encodeURIComponent(taskId)}/${kind}`, { method: 'POST', body });
}
