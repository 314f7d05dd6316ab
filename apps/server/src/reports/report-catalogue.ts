import type { DatasetDefinition, SourceDefinition } from '@tessera/reports';
import type { LocalizedText } from '@tessera/rules';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import type { LoadedForm } from '../forms/forms.service';
import { formAccess } from '../records/form-access';

export interface SourceField {
  key: string;
  label: LocalizedText;
  type: string;
}

export interface SourceEntry {
  source: SourceDefinition;
  appKey?: string;
  title: LocalizedText;
  fields: SourceField[];
}

export interface PreviewColumn {
  key: string;
  label: LocalizedText;
  kind: 'dimension' | 'measure';
}

const field = (key: string, zh: string, en: string, type: string): SourceField => ({
  key,
  label: { 'zh-CN': zh, en },
  type,
});

/** The columns of the record table every records dataset may read as `$…`. */
const recordSystemFields: SourceField[] = [
  field('$id', '记录编号', 'Record ID', 'string'),
  field('$createdAt', '创建时间', 'Created at', 'datetime'),
  field('$updatedAt', '更新时间', 'Updated at', 'datetime'),
  field('$createdBy', '创建人', 'Created by', 'string'),
  field('$ownerId', '负责人', 'Owner', 'string'),
  field('$departmentId', '部门', 'Department', 'string'),
];

const taskFields: SourceField[] = [
  field('$id', '任务编号', 'Task ID', 'string'),
  field('$instanceId', '流程实例', 'Process instance', 'string'),
  field('$processKey', '流程', 'Process', 'string'),
  field('$elementId', '步骤', 'Step', 'string'),
  field('$formKey', '表单', 'Form', 'string'),
  field('$assignee', '处理人', 'Assignee', 'string'),
  field('$status', '状态', 'Status', 'string'),
  field('$createdAt', '创建时间', 'Created at', 'datetime'),
  field('$dueAt', '到期时间', 'Due at', 'datetime'),
  field('$completedAt', '完成时间', 'Completed at', 'datetime'),
  field('$completedBy', '完成人', 'Completed by', 'string'),
  field('$outcome', '结果', 'Outcome', 'string'),
];

const instanceFields: SourceField[] = [
  field('$id', '实例编号', 'Instance ID', 'string'),
  field('$processKey', '流程', 'Process', 'string'),
  field('$processVersion', '流程版本', 'Process version', 'integer'),
  field('$businessKey', '业务键', 'Business key', 'string'),
  field('$status', '状态', 'Status', 'string'),
  field('$startedAt', '发起时间', 'Started at', 'datetime'),
  field('$endedAt', '结束时间', 'Ended at', 'datetime'),
  field('$startedBy', '发起人', 'Started by', 'string'),
];

const auditFields: SourceField[] = [
  field('$id', '编号', 'ID', 'string'),
  field('$at', '时间', 'At', 'datetime'),
  field('$actor', '操作人', 'Actor', 'string'),
  field('$action', '操作', 'Action', 'string'),
  field('$entityType', '对象类型', 'Entity type', 'string'),
  field('$entityId', '对象', 'Entity', 'string'),
];

/**
 * The sources a designer may build a dataset on: each form whose records the caller may read, with
 * the fields they see (hidden ones left out), and for overseers tasks, process instances and the
 * audit log.
 */
export function sourceCatalogue(forms: LoadedForm[], user: AuthenticatedUser, overseer: boolean): SourceEntry[] {
  const entries: SourceEntry[] = [];
  for (const form of forms) {
    const access = formAccess(form.compiled, { role: rolesIn(user, form.appKey) });
    if (!access.canRead) continue;
    const valued = new Set(form.compiled.fields.map((info) => info.path));
    const fields = form.definition.fields
      .filter((candidate) => valued.has(candidate.key) && !access.hidden.has(candidate.key))
      .map((candidate) => ({ key: candidate.key, label: candidate.label, type: candidate.type as string }));
    entries.push({
      source: { type: 'records', form: form.key },
      appKey: form.appKey,
      title: form.definition.title,
      fields: [...fields, ...recordSystemFields],
    });
  }
  if (overseer) {
    entries.push(
      { source: { type: 'tasks' }, title: { 'zh-CN': '任务', en: 'Tasks' }, fields: taskFields },
      { source: { type: 'processInstances' }, title: { 'zh-CN': '流程实例', en: 'Process instances' }, fields: instanceFields },
      { source: { type: 'auditEvents' }, title: { 'zh-CN': '审计日志', en: 'Audit log' }, fields: auditFields },
    );
  }
  return entries;
}

/** The columns of a dataset's result: its dimensions then its measures, or its listing columns. */
export function columnsOf(dataset: DatasetDefinition): PreviewColumn[] {
  const label = (key: string, given?: LocalizedText) => given ?? { 'zh-CN': key, en: key };
  if (dataset.columns?.length) {
    return dataset.columns.map((column) => ({ key: column.key, label: label(column.key, column.label), kind: 'dimension' }));
  }
  return [
    ...(dataset.dimensions ?? []).map((dimension) => ({
      key: dimension.key,
      label: label(dimension.key, dimension.label),
      kind: 'dimension' as const,
    })),
    ...(dataset.measures ?? []).map((measure) => ({
      key: measure.key,
      label: label(measure.key, measure.label),
      kind: 'measure' as const,
    })),
  ];
}
