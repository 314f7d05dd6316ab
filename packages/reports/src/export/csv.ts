import type { ExportTable } from './export-table';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  // A leading =, +, - or @ would make Excel read the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && typeof value !== 'number' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV in UTF-8 with a byte order mark, so Excel opens Chinese text correctly; CRLF line ends. */
export function toCsv(table: ExportTable): string {
  const lines = [table.columns.map((column) => cell(column.title)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((column) => cell(row[column.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
