import { Inflate } from 'fflate';
import { Crc32 } from './crc32';
import type { ZipEntryHeader } from './zip-archive';

export type InflateOutcome =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'exceedsDeclared' | 'exceedsLimit' | 'shorterThanDeclared' | 'checksum' | 'corrupt'; actualBytes: number };

// Small input slices bound how much one push can expand (deflate tops out near 1:1032),
// so a bomb is caught after at most a few megabytes instead of after exhausting memory.
const inputSlice = 2048;

class StopInflating extends Error {}

/**
 * Inflates one entry while counting: it stops as soon as the output passes the size the archive
 * declared or the per-file limit, and checks the CRC, so lying headers cannot smuggle data through.
 */
export function inflateEntry(entry: ZipEntryHeader, compressed: Uint8Array, maxFileBytes: number): InflateOutcome {
  const ceiling = Math.min(entry.declaredSize, maxFileBytes);
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let overflow: 'exceedsDeclared' | 'exceedsLimit' | undefined;
  const crc = new Crc32();
  const accept = (chunk: Uint8Array): void => {
    produced += chunk.length;
    if (produced > ceiling) {
      overflow = produced > maxFileBytes ? 'exceedsLimit' : 'exceedsDeclared';
      throw new StopInflating();
    }
    crc.update(chunk);
    chunks.push(chunk);
  };

  try {
    if (entry.compression === 0) {
      accept(compressed);
    } else {
      const inflater = new Inflate((chunk) => accept(chunk));
      if (compressed.length === 0) inflater.push(compressed, true);
      for (let offset = 0; offset < compressed.length; offset += inputSlice) {
        const end = Math.min(offset + inputSlice, compressed.length);
        inflater.push(compressed.subarray(offset, end), end === compressed.length);
      }
    }
  } catch (error) {
    if (error instanceof StopInflating) return { ok: false, reason: overflow!, actualBytes: produced };
    return { ok: false, reason: 'corrupt', actualBytes: produced };
  }
  if (produced < entry.declaredSize) return { ok: false, reason: 'shorterThanDeclared', actualBytes: produced };
  if (crc.value !== entry.crc32) return { ok: false, reason: 'checksum', actualBytes: produced };

  const bytes = new Uint8Array(produced);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return { ok: true, bytes };
}
