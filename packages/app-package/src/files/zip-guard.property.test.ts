import path from 'node:path';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { AppPackageError } from '../problems/package-problem';
import { patchZipEntry } from '../test-support/zip-surgery';
import { loadTemplateZip } from './load-zip';
import { defaultLoadLimits } from './template-files';

const SEED = 20_261_123;
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function outcome(archive: Uint8Array): { files: ReadonlyMap<string, Uint8Array> } | { error: AppPackageError } {
  try {
    return { files: loadTemplateZip(archive) };
  } catch (error) {
    if (error instanceof AppPackageError) return { error };
    throw error;
  }
}

/** Entry names made of ordinary, dot and empty segments, joined by / or \, maybe absolute or on a drive. */
const entryName = fc
  .tuple(
    fc.constantFrom('', '/', 'C:', 'c:/', '\\', '//'),
    fc.array(fc.constantFrom('forms', 'a.json', '..', '.', '', 'x', '...', '..x', 'x..'), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('/', '\\'),
  )
  .map(([prefix, segments, separator]) => prefix + segments.join(separator))
  .filter((name) => name !== 'app.json');

describe('the zip guard, for any entry name and size', () => {
  it('never lets an entry out of the template folder: accepted paths stay inside, unsafe ones are named', () => {
    fc.assert(
      fc.property(entryName, (name) => {
        const result = outcome(zipSync({ 'app.json': text('{"key":"demo"}'), [name]: text('{}') }));
        const unsafe = name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split('/').includes('..');
        if ('files' in result) {
          expect(unsafe).toBe(false);
          for (const key of result.files.keys()) {
            const resolved = path.posix.normalize(key);
            expect(resolved === '..' || resolved.startsWith('../') || path.posix.isAbsolute(resolved)).toBe(false);
            expect(key.split('/')).not.toContain('..');
          }
        } else {
          const named = result.error.problems.some((problem) => (problem as { path?: string }).path === name || JSON.stringify(problem).includes(JSON.stringify(name).slice(1, -1)));
          expect(named).toBe(true);
        }
        if (unsafe) expect('error' in result).toBe(true);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('refuses entries that inflate far beyond their compressed size, and never returns more than the per-file limit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 256 * 1024, max: 6 * 1024 * 1024 }), fc.integer({ min: 0, max: 255 }), (size, byte) => {
        const archive = zipSync({ 'app.json': text('{"key":"demo"}'), 'seed/bomb.json': new Uint8Array(size).fill(byte) });
        const result = outcome(archive);
        // A run of one byte compresses about a thousandfold: far over the 100:1 limit.
        expect('error' in result).toBe(true);
        if ('error' in result) {
          expect(result.error.problems.map((problem) => problem.code)).toEqual(
            expect.arrayContaining([expect.stringMatching(/^package\.entry\.(compressionRatio|tooLarge)$/)]),
          );
        }
      }),
      { seed: SEED, numRuns: 8 },
    );
  });

  it('refuses an entry that inflates beyond the size its headers declare', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1_000, max: 60_000 }), fc.integer({ min: 1, max: 999 }), (size, declared) => {
        const data = new Uint8Array(size);
        for (let index = 0; index < size; index += 1) data[index] = (index * 7919) % 251;
        const archive = patchZipEntry(zipSync({ 'app.json': text('{"key":"demo"}'), 'seed/rows.json': data }), 'seed/rows.json', { declaredSize: declared });
        const result = outcome(archive);
        expect('error' in result).toBe(true);
        if ('files' in result) expect(result.files.get('seed/rows.json')!.length).toBeLessThanOrEqual(defaultLoadLimits.maxFileBytes);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });
});
