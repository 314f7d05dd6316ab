import fc from 'fast-check';
import type { DatasetDefinition } from '../definition/types';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { runBothWays } from '../test-support/parity';
import { auditEventRow, processInstanceRow, taskRow } from '../test-support/process-data';
import { compileDataset } from './compile-dataset';
import type { RunOptions } from './to-sql';

jest.setTimeout(60_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

function agree(
  definition: DatasetDefinition,
  rows: fc.Arbitrary<Record<string, unknown>>,
  schema = {},
  options: RunOptions = {},
): Promise<void> {
  const dataset = compileDataset(definition, { schema });
  return fc.assert(
    fc.asyncProperty(fc.uniqueArray(rows, { maxLength: 25, selector: (row) => row.id }), async (generated) => {
      await runBothWays(database, dataset, generated, {}, options);
    }),
    { numRuns: 15 },
  );
}

describe('process, task and audit sources give the same result in SQL and in memory', () => {
  it('measures tasks per step: handling hours, overdue tasks and the overdue rate', () =>
    agree(
      {
        key: 'steps',
        source: { type: 'tasks', process: 'complaint' },
        filter: { '!=': [{ var: '$status' }, 'cancelled'] },
        dimensions: [
          { key: 'step', field: '$elementId' },
          { key: 'assignee', field: '$assignee' },
        ],
        measures: [
          { key: 'tasks', aggregate: 'count' },
          {
            key: 'hours',
            aggregate: 'duration',
            from: '$createdAt',
            to: '$completedAt',
            unit: 'hours',
            statistic: 'avg',
          },
          { key: 'overdue', aggregate: 'count', where: { isAfter: [{ var: '$completedAt' }, { var: '$dueAt' }] } },
          { key: 'overdueRate', aggregate: 'ratio', numerator: 'overdue', denominator: 'tasks' },
          { key: 'highPriority', aggregate: 'max', field: 'priority' },
        ],
      },
      taskRow,
      { priority: 'integer' },
    ));

  it("counts one app's open tasks per step, restricted by the task's app", () =>
    agree(
      {
        key: 'open',
        source: { type: 'tasks' },
        filter: { '==': [{ var: '$status' }, 'open'] },
        dimensions: [{ key: 'step', field: '$elementId' }],
        measures: [{ key: 'tasks', aggregate: 'count' }],
      },
      taskRow,
      {},
      { restrict: { '==': [{ var: '$appKey' }, 'bank'] } },
    ));

  it('counts process instances per status and week, with the amounts in their variables', () =>
    agree(
      {
        key: 'instances',
        source: { type: 'processInstances', process: 'complaint' },
        dimensions: [
          { key: 'status', field: '$status' },
          { key: 'week', field: '$startedAt', bucket: 'week' },
        ],
        measures: [
          { key: 'instances', aggregate: 'count' },
          { key: 'amount', aggregate: 'sum', field: 'amount' },
          {
            key: 'workingDays',
            aggregate: 'duration',
            from: '$startedAt',
            to: '$endedAt',
            unit: 'workingDays',
            statistic: 'max',
          },
        ],
      },
      processInstanceRow,
      { amount: 'money' },
    ));

  it('reads audit snapshots before and after a change', () =>
    agree(
      {
        key: 'changes',
        source: { type: 'auditEvents', entityType: 'record' },
        filter: { '==': [{ var: 'after.status' }, 'closed'] },
        dimensions: [
          { key: 'action', field: '$action' },
          { key: 'actor', field: '$actor' },
        ],
        measures: [
          { key: 'events', aggregate: 'count' },
          { key: 'lastAt', aggregate: 'max', field: '$at' },
        ],
      },
      auditEventRow,
    ));
});
