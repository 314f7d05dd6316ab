import { AppPackageError, packageProblem } from '../problems/package-problem';
import { loadTemplateFolder } from './load-folder';
import { loadTemplateZip } from './load-zip';
import { resolveLimits, type LoadLimits, type TemplateFiles } from './template-files';

/**
 * Loads a template from what the CLI or an upload gives: the bytes of a zip, or a path to a
 * template folder or a `.zip` file on disk.
 */
export async function loadTemplate(source: string | Uint8Array, limitOverrides: Partial<LoadLimits> = {}): Promise<TemplateFiles> {
  if (typeof source !== 'string') return loadTemplateZip(source, limitOverrides);
  const fs = await import('node:fs/promises');
  const stat = await fs.stat(source).catch(() => undefined);
  if (stat?.isDirectory()) return loadTemplateFolder(source, limitOverrides);
  if (!stat?.isFile()) {
    throw new AppPackageError([
      packageProblem('', 'package.source.missing', { 'zh-CN': `找不到模板 "${source}"`, en: `there is no template at "${source}"` }),
    ]);
  }
  const limits = resolveLimits(limitOverrides);
  // Checked before reading, so a huge file is never loaded into memory.
  if (stat.size > limits.maxArchiveBytes) {
    const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    throw new AppPackageError([
      packageProblem('', 'package.zip.tooLarge', {
        'zh-CN': `zip 文件大小 ${megabytes(stat.size)} 超过上限 ${megabytes(limits.maxArchiveBytes)}`,
        en: `the zip file is ${megabytes(stat.size)}, more than the limit of ${megabytes(limits.maxArchiveBytes)}`,
      }),
    ]);
  }
  return loadTemplateZip(new Uint8Array(await fs.readFile(source)), limitOverrides);
}
