import type { LocalizedText } from '@tessera/rules';
import type { ApiClient } from './client';
import type { RoleLabels } from './tasks';

export interface StoredProcess {
  appKey: string;
  key: string;
  version: number;
  name: string | null;
  createdAt: string;
  createdBy?: string;
  xml?: string;
  /** Localised title, when the server sends it; else `name` (the BPMN name) stands in. */
  title?: LocalizedText | string | null;
  /** The form of the start event, when the server sends it; else it is read from the XML. */
  startFormKey?: string | null;
  /** Roles that may start the process, when the server sends them. */
  startRoles?: string[] | null;
}

export function fetchProcess(api: ApiClient, processKey: string): Promise<StoredProcess & { xml: string }> {
  return api.request(`/processes/${encodeURIComponent(processKey)}`);
}

export function fetchProcesses(api: ApiClient, appKey?: string): Promise<StoredProcess[]> {
  return api.request<{ items: StoredProcess[] } | StoredProcess[]>('/processes', { query: { appKey } }).then((answer) => (Array.isArray(answer) ? answer : answer.items));
}

export function deployProcess(api: ApiClient, appKey: string, xml: string): Promise<StoredProcess> {
  return api.request<StoredProcess>('/processes', { method: 'POST', query: { appKey }, body: { xml } });
}

export interface InstanceTask {
  id: string;
  elementId: string;
  name: { 'zh-CN': string; en: string } | string;
  assignee: string | null;
  candidateRoles?: string[];
  candidateRoleLabels?: RoleLabels | null;
  status: string;
  createdAt: string;
  dueAt: string | null;
  completedAt: string | null;
  completedBy: string | null;
  outcome: string | null;
}

export interface HistoryEntry {
  at: string;
  kind: string;
  elementId: string | null;
  taskId: string | null;
  by: string | null;
  event: Record<string, unknown> | null;
}

export interface InstanceView {
  id: string;
  appKey: string;
  processKey: string;
  processVersion: number;
  businessKey: string | null;
  status: string;
  startedAt: string;
  endedAt: string | null;
  startedBy: string;
  processTitle?: LocalizedText | string | null;
  variables?: Record<string, unknown>;
  tasks: InstanceTask[];
  history: HistoryEntry[];
}

export function fetchInstance(api: ApiClient, instanceId: string): Promise<InstanceView> {
  return api.request(`/instances/${encodeURIComponent(instanceId)}`);
}

export function startInstance(api: ApiClient, processKey: string, body: { variables?: Record<string, unknown>; businessKey?: string }): Promise<{ id: string; status: string }> {
  return api.request(`/processes/${encodeURIComponent(processKey)}/instances`, { method: 'POST', body });
}
