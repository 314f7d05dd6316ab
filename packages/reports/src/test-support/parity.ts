import type { CompiledDataset } from '../dataset/compile-dataset';
import { evaluateInMemory, type ResultRow } from '../dataset/evaluate-in-memory';
import { toSql, type RunOptions } from '../dataset/to-sql';
import type { TestDatabase } from './database';

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}

/** Throws with both results when the database and the in-memory evaluator disagree. */
export function assertSameRows(fromSql: ResultRow[], inMemory: ResultRow[], context: string): void {
  const same =
    fromSql.length === inMemory.length &&
    fromSql.every((row, index) => {
      const other = inMemory[index]!;
      const keys = new Set([...Object.keys(row), ...Object.keys(other)]);
      return [...keys].every((key) => close(row[key] ?? null, other[key] ?? null));
    });
  if (!same) {
    throw new Error(`${context}\nSQL:       ${JSON.stringify(fromSql)}\nin memory: ${JSON.stringify(inMemory)}`);
  }
}

/** Replaces the table's rows, runs the dataset both ways over them and compares. */
export async function runBothWays(
  database: TestDatabase,
  dataset: CompiledDataset,
  rows: Record<string, unknown>[],
  params: Record<string, unknown> = {},
  options: RunOptions = {},
): Promise<ResultRow[]> {
  await database.query(`DELETE FROM ${dataset.table.name}`);
  await database.insert(dataset.table.name, rows);
  const stored = await database.query(`SELECT * FROM ${dataset.table.name}`);
  const query = toSql(dataset, params, options);
  let fromSql: ResultRow[];
  try {
    fromSql = await database.query<ResultRow>(query.text, query.values);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${query.text}\n${JSON.stringify(query.values)}`, { cause: error });
  }
  const inMemory = evaluateInMemory(dataset, stored, params, options);
  assertSameRows(
    fromSql,
    inMemory,
    `${JSON.stringify(dataset.definition)}\n${query.text}\nvalues: ${JSON.stringify(query.values)}`,
  );
  return fromSql;
}
