import ExcelJS from 'exceljs';
import type { DatasetDefinition } from '../definition/types';
import { toCsv } from './csv';
import { exportTable } from './export-table';
import { PassThrough } from 'node:stream';
import { toXlsx, writeXlsxStream } from './xlsx';

const dataset: DatasetDefinition = {
  key: 'service',
  title: { 'zh-CN': '服务时效', en: 'Service times' },
  source: { type: 'records', form: 'complaint' },
  dimensions: [
    { key: 'month', field: '$createdAt', bucket: 'month', label: { 'zh-CN': '月份', en: 'Month' } },
    { key: 'branch', field: 'branch', label: { 'zh-CN': '分行', en: 'Branch' } },
  ],
  measures: [
    {
      key: 'amount',
      aggregate: 'sum',
      field: 'amount',
      label: { 'zh-CN': '涉及金额', en: 'Amount' },
      format: { type: 'money' },
    },
    {
      key: 'rate',
      aggregate: 'ratio',
      numerator: 'amount',
      denominator: 'amount',
      label: { 'zh-CN': '超时率', en: 'Breach rate' },
    },
  ],
};

const rows = [
  { month: '2026-01-01', branch: '上海分行, 浦东', amount: 1234567.5, rate: 0.125 },
  { month: '2026-02-01', branch: '=HYPERLINK("x")', amount: null, rate: 0 },
];

describe('exports', () => {
  it('writes CSV with a byte order mark, translated headers, labels and quoted cells', () => {
    const csv = toCsv(exportTable(dataset, rows));
    expect(csv.startsWith('\uFEFF月份,分行,涉及金额,超时率\r\n')).toBe(true);
    expect(csv).toContain('2026年1月,"上海分行, 浦东",1234567.5,0.125\r\n');
    expect(csv).toContain(`2026年2月,"'=HYPERLINK(""x"")",,0\r\n`);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes an Excel sheet with a formatted header and number formats Excel reads back', async () => {
    const buffer = await toXlsx([exportTable(dataset, rows, 'en')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as never);
    const sheet = workbook.getWorksheet('Service times')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Month', 'Branch', 'Amount', 'Breach rate']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.getCell('A2').value).toBe('2026-01');
    expect(sheet.getCell('B2').value).toBe('上海分行, 浦东');
    expect(sheet.getCell('C2').value).toBe(1234567.5);
    expect(sheet.getCell('C2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('D2').numFmt).toBe('0.0%');
    expect(sheet.getCell('C3').value).toBeNull();
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('keeps sheet names unique and within Excel rules', async () => {
    const table = { ...exportTable(dataset, rows), title: 'a/b:c*d?[e]' };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await toXlsx([table, table])) as never);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['a b c d  e ', 'a b c d  e  2']);
  });
  it('streams an Excel sheet row by row that Excel reads back with the same header and formats', async () => {
    const table = exportTable(dataset, rows, 'en');
    async function* produce() {
      for (let index = 0; index < 2_000; index += 1) yield table.rows[index % 2]!;
    }
    const output = new PassThrough();
    const chunks: Buffer[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const count = await writeXlsxStream({ title: table.title, columns: table.columns }, produce(), output);
    expect(count).toBe(2_000);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as never);
    const sheet = workbook.getWorksheet('Service times')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Month', 'Branch', 'Amount', 'Breach rate']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.rowCount).toBe(2_001);
    expect(sheet.getCell('B2').value).toBe('上海分行, 浦东');
    expect(sheet.getCell('C2').value).toBe(1234567.5);
    expect(sheet.getCell('C2').numFmt).toBe('#,##0.00');
    expect(sheet.getCell('C2001').value).toBeNull();
  });
});
