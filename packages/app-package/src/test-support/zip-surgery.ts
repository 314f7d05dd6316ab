/** Rewrites fields of a zip's central directory and local headers, to build archives that lie. */
export function patchZipEntry(archive: Uint8Array, name: string, patch: { declaredSize?: number; crc32?: number }): Uint8Array {
  const copy = new Uint8Array(archive);
  const view = new DataView(copy.buffer);
  const decoder = new TextDecoder();
  let patched = 0;
  for (let offset = 0; offset + 46 < copy.length; offset++) {
    const signature = view.getUint32(offset, true);
    if (signature === 0x02014b50) {
      const nameLength = view.getUint16(offset + 28, true);
      if (decoder.decode(copy.subarray(offset + 46, offset + 46 + nameLength)) !== name) continue;
      if (patch.declaredSize !== undefined) view.setUint32(offset + 24, patch.declaredSize, true);
      if (patch.crc32 !== undefined) view.setUint32(offset + 16, patch.crc32, true);
      patched++;
    } else if (signature === 0x04034b50) {
      const nameLength = view.getUint16(offset + 26, true);
      if (decoder.decode(copy.subarray(offset + 30, offset + 30 + nameLength)) !== name) continue;
      if (patch.declaredSize !== undefined) view.setUint32(offset + 22, patch.declaredSize, true);
      if (patch.crc32 !== undefined) view.setUint32(offset + 14, patch.crc32, true);
      patched++;
    }
  }
  if (patched === 0) throw new Error(`no entry ${name} in the archive`);
  return copy;
}
