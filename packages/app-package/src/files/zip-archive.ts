import type { LocalizedText } from '@tessera/rules';

/** One entry of a zip's central directory: what the archive claims, before anything is inflated. */
export interface ZipEntryHeader {
  name: string;
  /** 0 stored, 8 deflate; others are refused. */
  compression: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  declaredSize: number;
  /** Host system that wrote the entry (3 = Unix), from "version made by". */
  madeBy: number;
  externalAttributes: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  constructor(
    readonly code: string,
    readonly messages: LocalizedText,
  ) {
    super(messages.en);
  }
}

const endOfCentralDirectorySignature = 0x06054b50;
const centralDirectorySignature = 0x02014b50;
const localHeaderSignature = 0x04034b50;
const zip64Marker = 0xffffffff;

function malformed(zh: string, en: string): ZipFormatError {
  return new ZipFormatError('package.zip.malformed', { 'zh-CN': `zip 文件已损坏：${zh}`, en: `the zip file is malformed: ${en}` });
}

/**
 * Reads the central directory. Sizes and types come from here rather than from local headers,
 * because the central directory is what archivers list and the only place symlink bits live.
 */
export function readCentralDirectory(archive: Uint8Array): ZipEntryHeader[] {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const searchFloor = Math.max(0, archive.length - 22 - 0xffff);
  let end = -1;
  for (let offset = archive.length - 22; offset >= searchFloor; offset--) {
    if (view.getUint32(offset, true) === endOfCentralDirectorySignature) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw malformed('找不到中央目录结尾记录', 'no end-of-central-directory record');
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directoryOffset === zip64Marker) {
    throw new ZipFormatError('package.zip.zip64', { 'zh-CN': '不支持 ZIP64 格式的模板包', en: 'ZIP64 archives are not accepted for templates' });
  }
  if (directoryOffset + directorySize > end) throw malformed('中央目录超出文件范围', 'the central directory lies outside the file');

  const entries: ZipEntryHeader[] = [];
  let cursor = directoryOffset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let index = 0; index < entryCount; index++) {
    if (cursor + 46 > end || view.getUint32(cursor, true) !== centralDirectorySignature) {
      throw malformed(`第 ${index + 1} 个中央目录记录无效`, `central directory record ${index + 1} is invalid`);
    }
    const nameLength = view.getUint16(cursor + 28, true);
    const extraLength = view.getUint16(cursor + 30, true);
    const commentLength = view.getUint16(cursor + 32, true);
    const entry: ZipEntryHeader = {
      madeBy: view.getUint8(cursor + 5),
      flags: view.getUint16(cursor + 8, true),
      compression: view.getUint16(cursor + 10, true),
      crc32: view.getUint32(cursor + 16, true),
      compressedSize: view.getUint32(cursor + 20, true),
      declaredSize: view.getUint32(cursor + 24, true),
      externalAttributes: view.getUint32(cursor + 38, true),
      localHeaderOffset: view.getUint32(cursor + 42, true),
      name: decoder.decode(archive.subarray(cursor + 46, cursor + 46 + nameLength)),
    };
    if (entry.compressedSize === zip64Marker || entry.declaredSize === zip64Marker || entry.localHeaderOffset === zip64Marker) {
      throw new ZipFormatError('package.zip.zip64', { 'zh-CN': `条目 "${entry.name}" 使用了 ZIP64，不被接受`, en: `entry "${entry.name}" uses ZIP64, which is not accepted` });
    }
    entries.push(entry);
    cursor += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The compressed bytes of an entry, located through its local header. */
export function entryData(archive: Uint8Array, entry: ZipEntryHeader): Uint8Array {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  const offset = entry.localHeaderOffset;
  if (offset + 30 > archive.length || view.getUint32(offset, true) !== localHeaderSignature) {
    throw malformed(`条目 "${entry.name}" 的本地文件头无效`, `the local header of entry "${entry.name}" is invalid`);
  }
  const start = offset + 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true);
  if (start + entry.compressedSize > archive.length) {
    throw malformed(`条目 "${entry.name}" 的数据超出文件范围`, `the data of entry "${entry.name}" lies outside the file`);
  }
  return archive.subarray(start, start + entry.compressedSize);
}

const unixHost = 3;
const fileTypeMask = 0o170000;
const symlinkType = 0o120000;
const regularFileType = 0o100000;
const directoryType = 0o040000;

export function isSymlink(entry: ZipEntryHeader): boolean {
  return entry.madeBy === unixHost && ((entry.externalAttributes >>> 16) & fileTypeMask) === symlinkType;
}

/** Sockets, devices and pipes have no place in a template either. */
export function isSpecialFile(entry: ZipEntryHeader): boolean {
  if (entry.madeBy !== unixHost) return false;
  const type = (entry.externalAttributes >>> 16) & fileTypeMask;
  return type !== 0 && type !== regularFileType && type !== directoryType && type !== symlinkType;
}

export function isDirectory(entry: ZipEntryHeader): boolean {
  return entry.name.endsWith('/') || (entry.externalAttributes & 0x10) !== 0;
}

export function isEncrypted(entry: ZipEntryHeader): boolean {
  return (entry.flags & 0x1) !== 0;
}
