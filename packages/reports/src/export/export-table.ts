import type { Locale } from '@tessera/rules';
import { localize } from '@tessera/rules';
import { dimensionLabel } from '../charts/labels';
import { formatOf } from '../charts/measure-scale';
import type { ResultRow } from '../dataset/evaluate-in-memory';
import type { DatasetDefinition, NumberFormat } from '../definition/types';

export interface ExportColumn {
  key: string;
  title: string;
  format?: NumberFormat;
  kind: 'text' | 'number';
}

/** A result ready to export: headers in the reader's language, dimension values as labels, numbers kept as numbers. */
export interface ExportTable {
  title: string;
  columns: ExportColumn[];
  rows: Record<string, string | number | boolean | null>[];
}

export function exportTable(dataset: DatasetDefinition, rows: ResultRow[], locale: Locale = 'zh-CN'): ExportTable {
  const columns: ExportColumn[] = [];
  const labelled = new Map<string, (value: unknown) => string>();
  for (const dimension of dataset.dimensions ?? []) {
    columns.push({
      key: dimension.key,
      title: dimension.label ? localize(dimension.label, locale) : dimension.key,
      kind: 'text',
    });
    labelled.set(dimension.key, (value) => dimensionLabel(dimension, value, locale));
  }
  for (const measure of dataset.measures ?? []) {
    columns.push({
      key: measure.key,
      title: measure.label ? localize(measure.label, locale) : measure.key,
      format: formatOf(measure),
      kind: 'number',
    });
  }
  for (const column of dataset.columns ?? []) {
    const numeric = rows.some((row) => typeof row[column.key] === 'number');
    columns.push({
      key: column.key,
      title: column.label ? localize(column.label, locale) : column.key,
      format: column.format,
      kind: numeric ? 'number' : 'text',
    });
  }
  return {
    title: dataset.title ? localize(dataset.title, locale) : dataset.key,
    columns,
    rows: rows.map((row) =>
      Object.fromEntries(
        columns.map((column) => {
          const value = row[column.key] ?? null;
          const label = labelled.get(column.key);
          return [column.key, label ? label(value) : value];
        }),
      ),
    ),
  };
}
