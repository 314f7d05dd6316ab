import type { VariableType } from '@tessera/rules';
import type { SourceDefinition } from '../definition/types';
import type { SourceTable } from './tables';

/** A column of the source table that datasets read as `$name` (so it never collides with a form field key). */
export interface SystemField {
  column: string;
  type: VariableType;
  /** A `timestamptz` column: compared as an instant, shown to rules as a local ISO time. */
  timestamp?: boolean;
}

/** A JSONB column whose keys are fields; `prefix` is empty for the main document (`data`, `variables`). */
export interface DocumentColumn {
  prefix: string;
  column: string;
}

export interface SourceShape {
  table: SourceTable;
  systemFields: Record<string, SystemField>;
  documents: DocumentColumn[];
  /** Rows of this JSONB array path (in the main document) become the rows of the dataset. */
  unnest?: string;
}

const text = (column: string): SystemField => ({ column, type: 'string' });
const integer = (column: string): SystemField => ({ column, type: 'integer' });
const instant = (column: string): SystemField => ({ column, type: 'datetime', timestamp: true });

const recordFields: Record<string, SystemField> = {
  $id: text('id'),
  $appKey: text('app_key'),
  $formKey: text('form_key'),
  $formVersion: integer('form_version'),
  $createdAt: instant('created_at'),
  $updatedAt: instant('updated_at'),
  $createdBy: text('created_by'),
  $ownerId: text('owner_id'),
  $departmentId: text('department_id'),
};

export function sourceShape(source: SourceDefinition): SourceShape {
  switch (source.type) {
    case 'records':
      return { table: 'record', systemFields: recordFields, documents: [{ prefix: '', column: 'data' }] };
    case 'subformRows':
      return {
        table: 'record',
        systemFields: recordFields,
        documents: [{ prefix: '$parent', column: 'data' }],
        unnest: source.path,
      };
    case 'processInstances':
      return {
        table: 'processInstance',
        systemFields: {
          $id: text('id'),
          $appKey: text('app_key'),
          $processKey: text('process_key'),
          $processVersion: integer('process_version'),
          $businessKey: text('business_key'),
          $status: text('status'),
          $startedAt: instant('started_at'),
          $endedAt: instant('ended_at'),
          $startedBy: text('started_by'),
        },
        documents: [{ prefix: '', column: 'variables' }],
      };
    case 'tasks':
      return {
        table: 'task',
        systemFields: {
          $id: text('id'),
          $instanceId: text('instance_id'),
          $appKey: text('app_key'),
          $processKey: text('process_key'),
          $elementId: text('element_id'),
          $formKey: text('form_key'),
          $assignee: text('assignee'),
          $status: text('status'),
          $createdAt: instant('created_at'),
          $dueAt: instant('due_at'),
          $completedAt: instant('completed_at'),
          $completedBy: text('completed_by'),
          $outcome: text('outcome'),
        },
        documents: [{ prefix: '', column: 'data' }],
      };
    case 'auditEvents':
      return {
        table: 'auditEvent',
        systemFields: {
          $id: text('id'),
          $at: instant('at'),
          $actor: text('actor'),
          $action: text('action'),
          $entityType: text('entity_type'),
          $entityId: text('entity_id'),
        },
        documents: [
          { prefix: 'before', column: 'before' },
          { prefix: 'after', column: 'after' },
        ],
      };
  }
}
