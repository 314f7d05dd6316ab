import fc from 'fast-check';
import type { DatasetDefinition } from '../definition/types';
import type { FieldAccess } from '../source/fields';
import { complaintRecords, complaintSchema } from '../test-support/complaint-data';
import { openTestDatabase, type TestDatabase } from '../test-support/database';
import { assertSameRows } from '../test-support/parity';
import { compileDataset, pathsRead } from './compile-dataset';
import { evaluateInMemory } from './evaluate-in-memory';
import { toSql } from './to-sql';

jest.setTimeout(60_000);

let database: TestDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const definition: DatasetDefinition = {
  key: 'by_channel',
  source: { type: 'records', form: 'complaint' },
  filter: { or: [{ '>': [{ var: 'severity' }, 1] }, { '==': [{ var: 'channel' }, 'app'] }] },
  dimensions: [{ key: 'channel', field: 'channel' }],
  measures: [
    { key: 'complaints', aggregate: 'count' },
    { key: 'amount', aggregate: 'sum', field: 'amount' },
    { key: 'vip', aggregate: 'count', where: { '==': [{ var: 'vip' }, true] } },
    { key: 'segments', aggregate: 'countDistinct', field: 'customer.segment' },
  ],
};

/** The same rows with the fields a reader may not see removed from `data`, as a projection leaves them. */
function withoutUnreadable(
  rows: Record<string, unknown>[],
  access: Record<string, FieldAccess>,
): Record<string, unknown>[] {
  return rows.map((row) => {
    const data = { ...(row.data as Record<string, unknown>) };
    for (const [path, rule] of Object.entries(access)) {
      const top = path.split('.')[0]!;
      const kept = rule === 'read' || (rule !== 'absent' && rule.versions.includes(row.form_version as number));
      if (!kept) delete data[top];
    }
    return { ...row, data };
  });
}

describe('fields a reader may not see', () => {
  it('lists every path a dataset reads', () => {
    expect([...pathsRead(compileDataset(definition, { schema: complaintSchema }))!].sort()).toEqual([
      'amount',
      'channel',
      'customer.segment',
      'severity',
      'vip',
    ]);
    const counting = compileDataset(
      { ...definition, filter: undefined, measures: [{ key: 'n', aggregate: 'count' }] },
      { schema: complaintSchema },
    );
    expect(pathsRead(counting)).toEqual(new Set(['channel']));
  });

  it('read as NULL in SQL, giving what the in-memory evaluator gives over projected rows', async () => {
    const accessArbitrary = fc.record({
      channel: fc.constantFrom<FieldAccess>('read', 'absent', { versions: [2] }),
      amount: fc.constantFrom<FieldAccess>('read', 'absent', { versions: [1] }, { versions: [] }),
      severity: fc.constantFrom<FieldAccess>('read', 'absent', { versions: [1, 2] }),
      vip: fc.constantFrom<FieldAccess>('read', 'absent'),
      'customer.segment': fc.constantFrom<FieldAccess>('read', 'absent', { versions: [2] }),
    });
    const versioned = complaintRecords.chain((rows) =>
      fc
        .array(fc.constantFrom(1, 2), { minLength: rows.length, maxLength: rows.length })
        .map((versions) => rows.map((row, index) => ({ ...row, form_version: versions[index]! }))),
    );
    await fc.assert(
      fc.asyncProperty(versioned, accessArbitrary, async (rows, access) => {
        const dataset = compileDataset(definition, {
          schema: complaintSchema,
          fieldAccess: (path) => access[path as keyof typeof access] ?? 'read',
        });
        await database.query('DELETE FROM record');
        if (rows.length) await database.insert('record', rows);
        const query = toSql(dataset);
        const fromSql = await database.query<Record<string, string | number | boolean | null>>(
          query.text,
          query.values,
        );
        const stored = await database.query('SELECT * FROM record');
        const inMemory = evaluateInMemory(dataset, withoutUnreadable(stored, access));
        assertSameRows(fromSql, inMemory, `${JSON.stringify(access)}\n${query.text}`);
      }),
      { numRuns: 25 },
    );
  });

  it('never puts a form version into the SQL unless it is an integer', () => {
    expect(() =>
      compileDataset(definition, {
        schema: complaintSchema,
        fieldAccess: (path) => (path === 'amount' ? { versions: [Number('1); DROP TABLE record; --')] } : 'read'),
      }),
    ).toThrow(TypeError);
  });
});
