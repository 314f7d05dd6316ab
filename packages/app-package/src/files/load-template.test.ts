import { zipSync } from 'fflate';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate } from './load-template';

const fixture = join(__dirname, '..', 'fixtures', 'minimal-app');

describe('loadTemplate', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'tessera-load-'));
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('reads a folder, a zip file on disk and zip bytes alike', async () => {
    const fromFolder = await loadTemplate(fixture);
    const archive = zipSync(Object.fromEntries(fromFolder));
    const zipPath = join(scratch, 'app.zip');
    await writeFile(zipPath, archive);
    expect([...(await loadTemplate(zipPath)).keys()].sort()).toEqual([...fromFolder.keys()].sort());
    expect([...(await loadTemplate(archive)).keys()].sort()).toEqual([...fromFolder.keys()].sort());
  });

  it('says when nothing is there, and refuses an oversized zip before reading it', async () => {
    await expect(loadTemplate(join(scratch, 'missing'))).rejects.toThrow('there is no template at');
    const zipPath = join(scratch, 'big.zip');
    await writeFile(zipPath, new Uint8Array(2048));
    await expect(loadTemplate(zipPath, { maxArchiveBytes: 1024 })).rejects.toMatchObject({ problems: [expect.objectContaining({ code: 'package.zip.tooLarge' })] });
  });
});
