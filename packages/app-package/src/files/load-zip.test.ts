import { zipSync, type Zippable } from 'fflate';
import { AppPackageError } from '../problems/package-problem';
import { patchZipEntry } from '../test-support/zip-surgery';
import { loadTemplateZip } from './load-zip';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const read = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

function refusal(load: () => unknown): AppPackageError {
  try {
    load();
  } catch (error) {
    if (error instanceof AppPackageError) return error;
    throw error;
  }
  throw new Error('the archive was accepted');
}

describe('loadTemplateZip', () => {
  it('reads every file of a well-formed template, stored or deflated', () => {
    const archive = zipSync({
      'app.json': text('{"key":"demo"}'),
      'forms/customer.form.json': [text('{"key":"customer"}'), { level: 0 }],
      'seed/customers.json': text(JSON.stringify({ rows: Array.from({ length: 200 }, (_, i) => ({ i })) })),
    });
    const files = loadTemplateZip(archive);
    expect([...files.keys()].sort()).toEqual(['app.json', 'forms/customer.form.json', 'seed/customers.json']);
    expect(read(files.get('forms/customer.form.json'))).toBe('{"key":"customer"}');
    expect(JSON.parse(read(files.get('seed/customers.json'))).rows).toHaveLength(200);
  });

  it('takes the single top folder of a "compress folder" zip as the template root and skips macOS litter', () => {
    const archive = zipSync({
      'loan-approval/app.json': text('{}'),
      'loan-approval/forms/a.form.json': text('{}'),
      '__MACOSX/loan-approval/._app.json': text('junk'),
    });
    expect([...loadTemplateZip(archive).keys()].sort()).toEqual(['app.json', 'forms/a.form.json']);
  });

  it('refuses path traversal, absolute paths and symbolic links, naming every entry', () => {
    const archive = zipSync({
      'app.json': text('{}'),
      '../outside.json': text('{}'),
      '/etc/cron.d/evil': text('* * * * * root sh'),
      'forms/link.form.json': [text('/etc/passwd'), { os: 3, attrs: 0o120777 << 16 }],
    } as Zippable);
    const error = refusal(() => loadTemplateZip(archive));
    expect(error.problems.map((problem) => [problem.file, problem.code])).toEqual([
      ['../outside.json', 'package.entry.traversal'],
      ['/etc/cron.d/evil', 'package.entry.absolute'],
      ['forms/link.form.json', 'package.entry.symlink'],
    ]);
    expect(error.message).toContain('entry "forms/link.form.json" is a symbolic link');
    expect(error.problems[0]!.message['zh-CN']).toContain('"../outside.json"');
  });

  it('refuses an archive with more files than allowed before inflating anything', () => {
    const archive = zipSync(Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`seed/${i}.json`, text('[]')])));
    const error = refusal(() => loadTemplateZip(archive, { maxFiles: 5 }));
    expect(error.problems).toEqual([expect.objectContaining({ code: 'package.tooManyFiles', file: '' })]);
    expect(error.problems[0]!.message.en).toBe('the template holds 6 files, more than the limit of 5');
  });

  it('refuses entries whose declared size is over the per-file limit and totals over the package limit', () => {
    const archive = zipSync({ 'app.json': text('x'.repeat(3000)), 'seed/a.json': text('y'.repeat(2000)), 'seed/b.json': text('z'.repeat(2000)) }, { level: 0 });
    const perFile = refusal(() => loadTemplateZip(archive, { maxFileBytes: 2500 }));
    expect(perFile.problems).toEqual([expect.objectContaining({ code: 'package.entry.tooLarge', file: 'app.json' })]);
    const total = refusal(() => loadTemplateZip(archive, { maxTotalBytes: 5000 }));
    expect(total.problems).toEqual([expect.objectContaining({ code: 'package.tooLarge' })]);
  });

  it('refuses an honest zip bomb by its compression ratio', () => {
    const archive = zipSync({ 'app.json': text('{}'), 'seed/bomb.json': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    const error = refusal(() => loadTemplateZip(archive));
    expect(error.problems).toEqual([expect.objectContaining({ file: 'seed/bomb.json', code: 'package.entry.compressionRatio' })]);
    expect(error.problems[0]!.message.en).toMatch(/compression ratio of \d+:1, above the limit of 100:1/);
  });

  it('stops inflating a zip bomb whose headers understate its size', () => {
    const honest = zipSync({ 'app.json': text('{}'), 'seed/bomb.json': new Uint8Array(4 * 1024 * 1024) }, { level: 9 });
    const lying = patchZipEntry(honest, 'seed/bomb.json', { declaredSize: 1000 });
    const error = refusal(() => loadTemplateZip(lying));
    expect(error.problems).toEqual([expect.objectContaining({ file: 'seed/bomb.json', code: 'package.entry.inflatedTooLarge' })]);
    expect(error.problems[0]!.message.en).toBe('entry "seed/bomb.json" inflates beyond its declared size of 1000 bytes (a likely zip bomb)');
  });

  it('refuses an entry whose content does not match its CRC', () => {
    const archive = patchZipEntry(zipSync({ 'app.json': text('{"key":"demo"}') }), 'app.json', { crc32: 12345 });
    expect(refusal(() => loadTemplateZip(archive)).problems).toEqual([expect.objectContaining({ file: 'app.json', code: 'package.entry.corrupt' })]);
  });

  it('refuses bytes that are not a zip and archives over the size limit', () => {
    expect(refusal(() => loadTemplateZip(text('not a zip at all, just text'))).problems[0]!.code).toBe('package.zip.malformed');
    const archive = zipSync({ 'app.json': text('{}') });
    expect(refusal(() => loadTemplateZip(archive, { maxArchiveBytes: 10 })).problems[0]!.code).toBe('package.zip.tooLarge');
  });
});
