import type { CompiledForm } from '@tessera/forms';
import type { ExportColumn } from '@tessera/reports';
import type { Locale } from '@tessera/rules';
import type { RecordView } from './records.service';

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const raw = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Leading =, +, - or @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The fields an export shows: every field holding a value that the reader does not have hidden. */
function visibleColumns(form: CompiledForm, hidden: Set<string>) {
  return form.definition.fields.filter(
    (field) => !hidden.has(field.key) && form.fields.some((info) => info.path === field.key),
  );
}

/** CSV lines (a BOM first, so spreadsheet programs read UTF-8): a header, then one line per record. */
export async function* csvLines(
  form: CompiledForm,
  records: AsyncIterable<RecordView>,
  hidden: Set<string>,
  locale: Locale,
): AsyncGenerator<string> {
  const columns = visibleColumns(form, hidden);
  yield `\uFEFF${['id', ...columns.map((field) => field.label[locale]), locale === 'en' ? 'Created at' : '创建时间'].map(cell).join(',')}\r\n`;
  for await (const record of records) {
    yield `${[record.id, ...columns.map((field) => record.data[field.key]), record.createdAt.toISOString()].map(cell).join(',')}\r\n`;
  }
}

const NUMERIC_TYPES = new Set(['number', 'integer', 'percent']);

/** An amount is written as a number only when the number reads back as the same decimal. */
function exactAmount(value: unknown): number | string | unknown {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) return value;
  const scale = value.split('.')[1]?.length ?? 0;
  const number = Number(value);
  return number.toFixed(scale) === value ? number : value;
}

/** The columns and rows of the same export for an Excel sheet: numbers and exact amounts as numbers. */
export function xlsxExport(
  form: CompiledForm,
  records: AsyncIterable<RecordView>,
  hidden: Set<string>,
  locale: Locale,
): { columns: ExportColumn[]; rows: AsyncIterable<Record<string, string | number | boolean | null>> } {
  const fields = visibleColumns(form, hidden);
  const columns: ExportColumn[] = [
    { key: 'id', title: 'id', kind: 'text' },
    ...fields.map((field): ExportColumn => ({
      key: field.key,
      title: field.label[locale],
      kind: NUMERIC_TYPES.has(field.type) || field.type === 'money' ? 'number' : 'text',
      ...(field.type === 'money' ? { format: { type: 'money' as const } } : {}),
    })),
    { key: '$createdAt', title: locale === 'en' ? 'Created at' : '创建时间', kind: 'text' },
  ];
  async function* rows() {
    for await (const record of records) {
      const row: Record<string, string | number | boolean | null> = { id: record.id };
      for (const field of fields) {
        let value = record.data[field.key];
        if (field.type === 'money') value = exactAmount(value);
        row[field.key] =
          value === undefined || value === null
            ? null
            : typeof value === 'object'
              ? JSON.stringify(value)
              : (value as string | number | boolean);
      }
      row.$createdAt = record.createdAt.toISOString();
      yield row;
    }
  }
  return { columns, rows: rows() };
}
