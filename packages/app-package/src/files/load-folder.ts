import { AppPackageError, packageProblem, type PackageProblem } from '../problems/package-problem';
import { checkEntryPath } from './entry-path';
import { isIgnorableEntry, resolveLimits, type LoadLimits, type TemplateFiles } from './template-files';

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads a template from a folder on disk with the same limits as a zip upload. Symbolic links are
 * refused rather than followed, so a template cannot pull in files from outside its folder.
 */
export async function loadTemplateFolder(root: string, limitOverrides: Partial<LoadLimits> = {}): Promise<TemplateFiles> {
  // Loaded on demand so that browser bundles of this package never touch node:fs.
  const fs = await import('node:fs/promises');
  const nodePath = await import('node:path');
  const limits = resolveLimits(limitOverrides);
  const problems: PackageProblem[] = [];
  const files = new Map<string, Uint8Array>();
  let total = 0;

  const rootStat = await fs.lstat(root).catch(() => undefined);
  if (!rootStat?.isDirectory()) {
    throw new AppPackageError([
      packageProblem('', 'package.folder.missing', { 'zh-CN': `模板目录 "${root}" 不存在或不是目录`, en: `the template folder "${root}" does not exist or is not a folder` }),
    ]);
  }

  const walk = async (relative: string): Promise<void> => {
    const entries = await fs.readdir(nodePath.join(root, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (isIgnorableEntry(name)) continue;
      const checked = checkEntryPath(name, limits.maxDepth);
      if (!checked.ok) {
        problems.push(packageProblem(name, checked.code, checked.message));
        continue;
      }
      if (entry.isSymbolicLink()) {
        problems.push(
          packageProblem(name, 'package.entry.symlink', {
            'zh-CN': `条目 "${name}" 是符号链接，模板中不允许`,
            en: `entry "${name}" is a symbolic link, which templates may not contain`,
          }),
        );
        continue;
      }
      if (entry.isDirectory()) {
        await walk(name);
        continue;
      }
      if (!entry.isFile()) {
        problems.push(packageProblem(name, 'package.entry.special', { 'zh-CN': `条目 "${name}" 不是普通文件`, en: `entry "${name}" is not a regular file` }));
        continue;
      }
      if (files.size >= limits.maxFiles) {
        throw new AppPackageError([
          packageProblem('', 'package.tooManyFiles', {
            'zh-CN': `模板文件数超过上限 ${limits.maxFiles}`,
            en: `the template holds more than the limit of ${limits.maxFiles} files`,
          }),
        ]);
      }
      const size = (await fs.lstat(nodePath.join(root, name))).size;
      if (size > limits.maxFileBytes) {
        problems.push(
          packageProblem(name, 'package.entry.tooLarge', {
            'zh-CN': `条目 "${name}" 大小 ${megabytes(size)}，超过单个文件上限 ${megabytes(limits.maxFileBytes)}`,
            en: `entry "${name}" is ${megabytes(size)}, more than the per-file limit of ${megabytes(limits.maxFileBytes)}`,
          }),
        );
        continue;
      }
      total += size;
      if (total > limits.maxTotalBytes) {
        throw new AppPackageError([
          packageProblem('', 'package.tooLarge', {
            'zh-CN': `模板总大小超过上限 ${megabytes(limits.maxTotalBytes)}`,
            en: `the template is larger than the limit of ${megabytes(limits.maxTotalBytes)}`,
          }),
        ]);
      }
      files.set(checked.path, new Uint8Array(await fs.readFile(nodePath.join(root, name))));
    }
  };
  await walk('');
  if (problems.length > 0) throw new AppPackageError(problems);
  return files;
}

/** Builds template files from text contents, e.g. the `{ files }` body of an import request. */
export function templateFilesFromText(contents: Record<string, string>, limitOverrides: Partial<LoadLimits> = {}): TemplateFiles {
  const limits = resolveLimits(limitOverrides);
  const problems: PackageProblem[] = [];
  const files = new Map<string, Uint8Array>();
  const names = Object.keys(contents);
  if (names.length > limits.maxFiles) {
    throw new AppPackageError([
      packageProblem('', 'package.tooManyFiles', {
        'zh-CN': `模板包含 ${names.length} 个文件，超过上限 ${limits.maxFiles}`,
        en: `the template holds ${names.length} files, more than the limit of ${limits.maxFiles}`,
      }),
    ]);
  }
  const encoder = new TextEncoder();
  let total = 0;
  for (const name of names) {
    const checked = checkEntryPath(name, limits.maxDepth);
    if (!checked.ok) {
      problems.push(packageProblem(name, checked.code, checked.message));
      continue;
    }
    const bytes = encoder.encode(contents[name]);
    total += bytes.length;
    if (bytes.length > limits.maxFileBytes) {
      problems.push(
        packageProblem(name, 'package.entry.tooLarge', {
          'zh-CN': `条目 "${name}" 超过单个文件上限 ${megabytes(limits.maxFileBytes)}`,
          en: `entry "${name}" is larger than the per-file limit of ${megabytes(limits.maxFileBytes)}`,
        }),
      );
      continue;
    }
    files.set(checked.path, bytes);
  }
  if (total > limits.maxTotalBytes) {
    problems.push(
      packageProblem('', 'package.tooLarge', {
        'zh-CN': `模板总大小超过上限 ${megabytes(limits.maxTotalBytes)}`,
        en: `the template is larger than the limit of ${megabytes(limits.maxTotalBytes)}`,
      }),
    );
  }
  if (problems.length > 0) throw new AppPackageError(problems);
  return files;
}
