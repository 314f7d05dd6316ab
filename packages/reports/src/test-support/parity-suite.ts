import fc from 'fast-check';
import { compileDataset } from '../dataset/compile-dataset';
import type { DatasetDefinition } from '../definition/types';
import type { RunOptions } from '../dataset/to-sql';
import { complaintRecords, complaintSchema } from './complaint-data';
import type { TestDatabase } from './database';
import { runBothWays } from './parity';

export const complaintSource = { type: 'records', form: 'complaint' } as const;

/** Asserts, over generated complaint records, that Postgres and the in-memory evaluator agree on a dataset. */
export function agreeOnGeneratedData(
  database: () => TestDatabase,
  definition: Omit<DatasetDefinition, 'key' | 'source'> & Partial<Pick<DatasetDefinition, 'source'>>,
  params: Record<string, unknown> = {},
  options: RunOptions & { runs?: number } = {},
): Promise<void> {
  const dataset = compileDataset(
    { key: 'generated', source: complaintSource, ...definition },
    { schema: complaintSchema },
  );
  return fc.assert(
    fc.asyncProperty(complaintRecords, async (rows) => {
      await runBothWays(database(), dataset, rows, params, options);
    }),
    { numRuns: options.runs ?? 12 },
  );
}
