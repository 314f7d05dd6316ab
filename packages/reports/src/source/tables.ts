/**
 * Where each source lives. The defaults are the tables the Tessera server creates; a deployment
 * that maps them elsewhere overrides table and column names here, never in a dataset.
 */
export type SourceTable = 'record' | 'processInstance' | 'task' | 'auditEvent';

export interface TableMapping {
  name: string;
  columns: Record<string, string>;
}

export type TableMappings = Record<SourceTable, TableMapping>;

function identity(...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, name]));
}

export const defaultTables: TableMappings = {
  record: {
    name: 'record',
    columns: identity(
      'id',
      'app_key',
      'form_key',
      'form_version',
      'data',
      'created_at',
      'updated_at',
      'created_by',
      'owner_id',
      'department_id',
      'deleted_at',
    ),
  },
  processInstance: {
    name: 'process_instance',
    columns: identity(
      'id',
      'app_key',
      'process_key',
      'process_version',
      'business_key',
      'status',
      'variables',
      'started_at',
      'ended_at',
      'started_by',
    ),
  },
  task: {
    name: 'task',
    columns: identity(
      'id',
      'instance_id',
      'app_key',
      'process_key',
      'element_id',
      'form_key',
      'assignee',
      'status',
      'created_at',
      'due_at',
      'completed_at',
      'completed_by',
      'outcome',
      'data',
    ),
  },
  auditEvent: {
    name: 'audit_event',
    columns: identity('id', 'at', 'actor', 'action', 'entity_type', 'entity_id', 'before', 'after'),
  },
};

export type TableOverrides = Partial<Record<SourceTable, { name?: string; columns?: Record<string, string> }>>;

export function resolveTables(overrides: TableOverrides = {}): TableMappings {
  const tables = { ...defaultTables };
  for (const [table, override] of Object.entries(overrides) as [SourceTable, TableOverrides[SourceTable]][]) {
    if (!override) continue;
    tables[table] = {
      name: override.name ?? defaultTables[table].name,
      columns: { ...defaultTables[table].columns, ...override.columns },
    };
  }
  return tables;
}
