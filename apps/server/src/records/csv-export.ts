import type { CompiledForm } from '@tessera/forms';
import type { Locale } from '@tessera/rules';
import type { RecordView } from './records.service';

function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const raw = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Leading =, +, - or @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV lines (a BOM first, so spreadsheet programs read UTF-8): a header, then one line per record. */
export function* csvLines(
  form: CompiledForm,
  records: RecordView[],
  hidden: Set<string>,
  locale: Locale,
): Generator<string> {
  const columns = form.definition.fields.filter(
    (field) => !hidden.has(field.key) && form.fields.some((info) => info.path === field.key),
  );
  yield `\uFEFF${['id', ...columns.map((field) => field.label[locale]), locale === 'en' ? 'Created at' : '创建时间'].map(cell).join(',')}\r\n`;
  for (const record of records) {
    yield `${[record.id, ...columns.map((field) => record.data[field.key]), record.createdAt.toISOString()].map(cell).join(',')}\r\n`;
  }
}
