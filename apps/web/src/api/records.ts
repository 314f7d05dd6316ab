import type { ApiClient } from './client';

/** One record as the reader may see it (hidden fields left out, masked ones masked). */
export interface RecordDetail {
  id: string;
  appKey: string;
  formKey: string;
  formVersion: number;
  data: Record<string, unknown>;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  createdBy: string;
  ownerId: string;
  departmentId: string | null;
  version: number;
}

export function fetchRecord(api: ApiClient, formKey: string, id: string): Promise<RecordDetail> {
  return api.request<RecordDetail>(`/forms/${encodeURIComponent(formKey)}/records/${encodeURIComponent(id)}`);
}

/** Changes the given fields; `version` is the one the change is based on, so a concurrent edit answers 409. */
export function updateRecord(api: ApiClient, formKey: string, id: string, version: number, data: Record<string, unknown>): Promise<RecordDetail> {
  return api.request<RecordDetail>(`/forms/${encodeURIComponent(formKey)}/records/${encodeURIComponent(id)}`, { method: 'PATCH', body: { version, data } });
}

/** One entry of the hash-chained audit log (`GET /api/audit`). */
export interface AuditEntry {
  seq: number;
  id: string;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** A record's audit history, oldest first. Records are audited as entity type `record:<formKey>`. */
export function fetchRecordAudit(api: ApiClient, formKey: string, id: string): Promise<AuditEntry[]> {
  return api
    .request<{ items: AuditEntry[] }>('/audit', { query: { entityType: `record:${formKey}`, entityId: id, limit: 1000 } })
    .then((answer) => answer.items);
}

export type ExportFormat = 'xlsx' | 'csv';

export function exportRecords(api: ApiClient, formKey: string, format: ExportFormat, filter?: unknown): Promise<{ blob: Blob; fileName: string | null }> {
  return api.download(`/forms/${encodeURIComponent(formKey)}/records/export`, {
    query: { format, filter: filter === undefined ? undefined : JSON.stringify(filter) },
  });
}
