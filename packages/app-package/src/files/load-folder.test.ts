import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPackageError } from '../problems/package-problem';
import { loadTemplateFolder, templateFilesFromText } from './load-folder';

describe('loadTemplateFolder', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'tessera-template-'));
    await mkdir(join(root, 'forms'));
    await writeFile(join(root, 'app.json'), '{"key":"demo"}');
    await writeFile(join(root, 'forms', 'customer.form.json'), '{"key":"customer"}');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('reads every file under the folder by relative path', async () => {
    const files = await loadTemplateFolder(root);
    expect([...files.keys()]).toEqual(['app.json', 'forms/customer.form.json']);
    expect(new TextDecoder().decode(files.get('app.json'))).toBe('{"key":"demo"}');
  });

  it('refuses symbolic links instead of following them out of the folder', async () => {
    await symlink('/etc/passwd', join(root, 'forms', 'passwd.form.json'));
    await expect(loadTemplateFolder(root)).rejects.toMatchObject({
      problems: [expect.objectContaining({ file: 'forms/passwd.form.json', code: 'package.entry.symlink' })],
    });
  });

  it('refuses oversized files and too many files', async () => {
    await writeFile(join(root, 'forms', 'big.form.json'), 'x'.repeat(5000));
    await expect(loadTemplateFolder(root, { maxFileBytes: 4000 })).rejects.toMatchObject({
      problems: [expect.objectContaining({ file: 'forms/big.form.json', code: 'package.entry.tooLarge' })],
    });
    await expect(loadTemplateFolder(root, { maxFiles: 2 })).rejects.toBeInstanceOf(AppPackageError);
  });

  it('says so when the folder does not exist', async () => {
    await expect(loadTemplateFolder(join(root, 'missing'))).rejects.toThrow(/does not exist or is not a folder/);
  });
});

describe('templateFilesFromText', () => {
  it('checks the names of uploaded files like zip entries', () => {
    expect(() => templateFilesFromText({ 'app.json': '{}', '../x.json': '{}' })).toThrow(/tries to leave the template folder/);
    expect([...templateFilesFromText({ 'app.json': '{}' }).keys()]).toEqual(['app.json']);
  });
});
