import { AppPackageError, packageProblem, type PackageProblem } from '../problems/package-problem';
import { checkEntryPath } from './entry-path';
import { inflateEntry } from './inflate-entry';
import { isIgnorableEntry, resolveLimits, type LoadLimits, type TemplateFiles } from './template-files';
import { stripSingleTopFolder } from './template-root';
import {
  entryData,
  isDirectory,
  isEncrypted,
  isSpecialFile,
  isSymlink,
  readCentralDirectory,
  ZipFormatError,
  type ZipEntryHeader,
} from './zip-archive';

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Reads a template from a zip archive. Every entry is checked before anything is inflated (names,
 * types, declared sizes and ratios); inflation then enforces the same limits on the actual bytes.
 * Throws an `AppPackageError` naming every refused entry.
 */
export function loadTemplateZip(archive: Uint8Array, limitOverrides: Partial<LoadLimits> = {}): TemplateFiles {
  const limits = resolveLimits(limitOverrides);
  const fail = (problems: PackageProblem[]): never => {
    throw new AppPackageError(problems);
  };
  if (archive.length > limits.maxArchiveBytes) {
    fail([
      packageProblem('', 'package.zip.tooLarge', {
        'zh-CN': `zip 文件大小 ${megabytes(archive.length)} 超过上限 ${megabytes(limits.maxArchiveBytes)}`,
        en: `the zip file is ${megabytes(archive.length)}, more than the limit of ${megabytes(limits.maxArchiveBytes)}`,
      }),
    ]);
  }

  let headers: ZipEntryHeader[];
  try {
    headers = readCentralDirectory(archive);
  } catch (error) {
    if (error instanceof ZipFormatError) fail([packageProblem('', error.code, error.messages)]);
    throw error;
  }

  const fileEntries = headers.filter((entry) => !isDirectory(entry) && !isIgnorableEntry(entry.name));
  if (fileEntries.length > limits.maxFiles) {
    fail([
      packageProblem('', 'package.tooManyFiles', {
        'zh-CN': `模板包含 ${fileEntries.length} 个文件，超过上限 ${limits.maxFiles}`,
        en: `the template holds ${fileEntries.length} files, more than the limit of ${limits.maxFiles}`,
      }),
    ]);
  }

  const problems: PackageProblem[] = [];
  const accepted: Array<{ path: string; entry: ZipEntryHeader }> = [];
  const seen = new Set<string>();
  let declaredTotal = 0;
  for (const entry of headers) {
    if (isIgnorableEntry(entry.name)) continue;
    const refuse = (code: string, zh: string, en: string): void => {
      problems.push(packageProblem(entry.name, code, { 'zh-CN': `条目 "${entry.name}" ${zh}`, en: `entry "${entry.name}" ${en}` }));
    };
    const checked = checkEntryPath(entry.name, limits.maxDepth);
    if (!checked.ok) {
      problems.push(packageProblem(entry.name, checked.code, checked.message));
      continue;
    }
    if (isSymlink(entry)) {
      refuse('package.entry.symlink', '是符号链接，模板中不允许', 'is a symbolic link, which templates may not contain');
      continue;
    }
    if (isSpecialFile(entry)) {
      refuse('package.entry.special', '不是普通文件', 'is not a regular file');
      continue;
    }
    if (isDirectory(entry)) continue;
    if (isEncrypted(entry)) {
      refuse('package.entry.encrypted', '已加密，无法读取', 'is encrypted and cannot be read');
      continue;
    }
    if (entry.compression !== 0 && entry.compression !== 8) {
      refuse('package.entry.compression', `使用了不支持的压缩方式 ${entry.compression}`, `uses unsupported compression method ${entry.compression}`);
      continue;
    }
    if (seen.has(checked.path)) {
      refuse('package.entry.duplicate', '在压缩包中重复出现', 'appears more than once in the archive');
      continue;
    }
    seen.add(checked.path);
    if (entry.declaredSize > limits.maxFileBytes) {
      refuse(
        'package.entry.tooLarge',
        `解压后 ${megabytes(entry.declaredSize)}，超过单个文件上限 ${megabytes(limits.maxFileBytes)}`,
        `would inflate to ${megabytes(entry.declaredSize)}, more than the per-file limit of ${megabytes(limits.maxFileBytes)}`,
      );
      continue;
    }
    if (
      entry.declaredSize >= limits.ratioCheckFromBytes &&
      entry.declaredSize > limits.maxCompressionRatio * Math.max(entry.compressedSize, 1)
    ) {
      const ratio = Math.round(entry.declaredSize / Math.max(entry.compressedSize, 1));
      refuse(
        'package.entry.compressionRatio',
        `压缩比 ${ratio}:1 超过上限 ${limits.maxCompressionRatio}:1（疑似压缩炸弹）`,
        `has a compression ratio of ${ratio}:1, above the limit of ${limits.maxCompressionRatio}:1 (a likely zip bomb)`,
      );
      continue;
    }
    declaredTotal += entry.declaredSize;
    accepted.push({ path: checked.path, entry });
  }
  if (declaredTotal > limits.maxTotalBytes) {
    problems.push(
      packageProblem('', 'package.tooLarge', {
        'zh-CN': `模板解压后共 ${megabytes(declaredTotal)}，超过上限 ${megabytes(limits.maxTotalBytes)}`,
        en: `the template would inflate to ${megabytes(declaredTotal)}, more than the limit of ${megabytes(limits.maxTotalBytes)}`,
      }),
    );
  }
  if (problems.length > 0) fail(problems);

  const files = new Map<string, Uint8Array>();
  for (const { path, entry } of accepted) {
    let compressed: Uint8Array;
    try {
      compressed = entryData(archive, entry);
    } catch (error) {
      if (error instanceof ZipFormatError) {
        problems.push(packageProblem(entry.name, error.code, error.messages));
        continue;
      }
      throw error;
    }
    const outcome = inflateEntry(entry, compressed, limits.maxFileBytes);
    if (outcome.ok) {
      files.set(path, outcome.bytes);
      continue;
    }
    const messages = {
      exceedsDeclared: {
        'zh-CN': `条目 "${entry.name}" 解压后超过其声明的大小 ${entry.declaredSize} 字节（疑似压缩炸弹）`,
        en: `entry "${entry.name}" inflates beyond its declared size of ${entry.declaredSize} bytes (a likely zip bomb)`,
      },
      exceedsLimit: {
        'zh-CN': `条目 "${entry.name}" 解压后超过单个文件上限 ${megabytes(limits.maxFileBytes)}`,
        en: `entry "${entry.name}" inflates beyond the per-file limit of ${megabytes(limits.maxFileBytes)}`,
      },
      shorterThanDeclared: {
        'zh-CN': `条目 "${entry.name}" 解压后只有 ${outcome.actualBytes} 字节，少于声明的 ${entry.declaredSize} 字节`,
        en: `entry "${entry.name}" inflates to ${outcome.actualBytes} bytes, fewer than the declared ${entry.declaredSize}`,
      },
      checksum: { 'zh-CN': `条目 "${entry.name}" 的 CRC 校验失败`, en: `entry "${entry.name}" fails its CRC check` },
      corrupt: { 'zh-CN': `条目 "${entry.name}" 的压缩数据已损坏`, en: `entry "${entry.name}" has corrupt compressed data` },
    }[outcome.reason];
    const code = outcome.reason === 'exceedsDeclared' || outcome.reason === 'exceedsLimit' ? 'package.entry.inflatedTooLarge' : 'package.entry.corrupt';
    problems.push(packageProblem(entry.name, code, messages));
  }
  if (problems.length > 0) fail(problems);
  return stripSingleTopFolder(files);
}
