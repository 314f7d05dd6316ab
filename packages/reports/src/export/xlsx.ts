import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { NumberFormat } from '../definition/types';
import type { ExportTable } from './export-table';

function numberFormat(format: NumberFormat | undefined): string | undefined {
  switch (format?.type) {
    case 'money':
      return `#,##0${'.'.padEnd((format.decimals ?? 2) + 1, '0')}`;
    case 'percent':
      return `0${format.decimals === 0 ? '' : '.'.padEnd((format.decimals ?? 1) + 1, '0')}%`;
    case 'integer':
      return '#,##0';
    case 'duration':
      return '0.0';
    case 'number':
      return `#,##0${format.decimals === 0 ? '' : '.'.padEnd((format.decimals ?? 2) + 1, '0')}`;
    default:
      return undefined;
  }
}

function displayWidth(text: string): number {
  // CJK characters take two columns in Excel's default font.
  let width = 0;
  for (const character of text) width += character.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

/** An Excel workbook, one sheet per table: a bold, filled, frozen header row and number formats per column. */
export async function toXlsx(tables: ExportTable[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tessera';
  const used = new Set<string>();
  for (const table of tables) {
    // Sheet names: at most 31 characters, none of []:*?/\ and unique.
    let name = table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
    for (let suffix = 2; used.has(name); suffix += 1) name = `${name.slice(0, 28)} ${suffix}`;
    used.add(name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column) => ({
      header: column.title,
      key: column.key,
      width: Math.min(
        60,
        Math.max(
          10,
          displayWidth(column.title) + 2,
          ...table.rows.map((row) => displayWidth(String(row[column.key] ?? '')) + 2),
        ),
      ),
      style: numberFormat(column.format) ? { numFmt: numberFormat(column.format) } : {},
    }));
    for (const row of table.rows) sheet.addRow(row);
    const header = sheet.getRow(1);
    header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
    header.alignment = { vertical: 'middle', horizontal: 'center' };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, table.columns.length) } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet written row by row: the header and column formats, without the rows. */
export interface XlsxSheet {
  title: string;
  columns: ExportTable['columns'];
}

/**
 * Streams an Excel workbook of one sheet to `output` while `rows` are produced, so an export of
 * many rows never holds the whole workbook in memory. Same header style as `toXlsx`; column widths
 * follow the headers, as the rows are not known in advance. Resolves with the number of rows.
 */
export async function writeXlsxStream(
  sheetDefinition: XlsxSheet,
  rows: AsyncIterable<ExportTable['rows'][number]>,
  output: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Tessera';
  const name = sheetDefinition.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = sheetDefinition.columns.map((column) => ({
    header: column.title,
    key: column.key,
    width: Math.min(60, Math.max(12, displayWidth(column.title) + 2)),
    style: numberFormat(column.format) ? { numFmt: numberFormat(column.format) } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F4E79' } };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: 1, column: Math.max(1, sheetDefinition.columns.length) },
  };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    sheet.addRow(row).commit();
    count += 1;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
