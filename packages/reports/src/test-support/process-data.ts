/** Generated process instances, tasks and audit events, shaped like the server's tables. */
import fc from 'fast-check';

const start = Date.UTC(2026, 0, 1);
const instant = fc.integer({ min: 0, max: 120 * 86400 }).map((seconds) => new Date(start + seconds * 1000));
const later = (base: Date, hours: number) => new Date(base.getTime() + hours * 3600000);

export const taskRow = fc
  .record({
    id: fc.uuid({ version: 4 }),
    instanceId: fc.uuid({ version: 4 }),
    appKey: fc.constantFrom('bank', 'bank', 'other'),
    processKey: fc.constantFrom('complaint', 'complaint', 'loan'),
    elementId: fc.constantFrom('register', 'investigate', 'resolve'),
    assignee: fc.option(fc.constantFrom('张伟', '李娜', 'wang'), { nil: null }),
    status: fc.constantFrom('open', 'completed', 'cancelled'),
    createdAt: instant,
    dueHours: fc.option(fc.integer({ min: 1, max: 96 }), { nil: null }),
    completedHours: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
  })
  .map((task) => ({
    id: task.id,
    instance_id: task.instanceId,
    app_key: task.appKey,
    process_key: task.processKey,
    element_id: task.elementId,
    name: { 'zh-CN': '处理', en: 'Handle' },
    assignee: task.assignee,
    status: task.status,
    created_at: task.createdAt,
    due_at: task.dueHours === null ? null : later(task.createdAt, task.dueHours),
    completed_at: task.completedHours === null ? null : later(task.createdAt, task.completedHours),
    outcome: task.completedHours === null ? null : 'approved',
    data: task.priority === undefined ? {} : { priority: task.priority },
  }));

export const processInstanceRow = fc
  .record({
    id: fc.uuid({ version: 4 }),
    processKey: fc.constantFrom('complaint', 'loan'),
    status: fc.constantFrom('active', 'completed', 'terminated', 'incident'),
    startedAt: instant,
    hours: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    amount: fc.option(
      fc.integer({ min: 0, max: 5_000_000 }).map((value) => `${value}.00`),
      { nil: undefined },
    ),
  })
  .map((instance) => ({
    id: instance.id,
    app_key: 'bank',
    process_key: instance.processKey,
    process_version: 1,
    business_key: instance.id.slice(0, 8),
    status: instance.status,
    variables: instance.amount === undefined ? {} : { amount: instance.amount },
    started_at: instance.startedAt,
    ended_at: instance.hours === null ? null : later(instance.startedAt, instance.hours),
    started_by: 'u1',
  }));

export const auditEventRow = fc
  .record({
    id: fc.uuid({ version: 4 }),
    at: instant,
    actor: fc.constantFrom('张伟', 'admin'),
    action: fc.constantFrom('record.create', 'record.update', 'task.complete'),
    entityType: fc.constantFrom('record', 'task'),
    before: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 1000 }) }), { nil: null }),
    after: fc.option(
      fc.record({ amount: fc.integer({ min: 0, max: 1000 }), status: fc.constantFrom('open', 'closed') }),
      { nil: null },
    ),
  })
  .map((event) => ({
    id: event.id,
    at: event.at,
    actor: event.actor,
    action: event.action,
    entity_type: event.entityType,
    entity_id: event.id.slice(0, 8),
    before: event.before,
    after: event.after,
  }));
