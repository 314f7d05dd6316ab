import type { ResultRow, ResultValue } from '../dataset/evaluate-in-memory';
import type { DatasetDefinition, DimensionDefinition, MeasureDefinition } from '../definition/types';

export function findDimension(dataset: DatasetDefinition, key: string | undefined): DimensionDefinition | undefined {
  return dataset.dimensions?.find((dimension) => dimension.key === key);
}

export function findMeasure(dataset: DatasetDefinition, key: string): MeasureDefinition | undefined {
  return dataset.measures?.find((measure) => measure.key === key);
}

/** The values of a key in the order the rows (already sorted by the dataset) first show them. */
export function distinctValues(rows: ResultRow[], key: string): ResultValue[] {
  const seen = new Set<ResultValue>();
  for (const row of rows) seen.add(row[key] ?? null);
  return [...seen];
}
