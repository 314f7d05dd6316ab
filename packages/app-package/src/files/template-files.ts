/** The files of a template, by normalised relative path (`forms/customer.form.json`). */
export type TemplateFiles = ReadonlyMap<string, Uint8Array>;

/** Bounds on what a template may contain; they protect the server from hostile uploads. */
export interface LoadLimits {
  /** Most files a template may hold. */
  maxFiles: number;
  /** Largest uncompressed size of one file, in bytes. */
  maxFileBytes: number;
  /** Largest uncompressed size of all files together, in bytes. */
  maxTotalBytes: number;
  /** Largest zip archive accepted, in bytes. */
  maxArchiveBytes: number;
  /** Highest uncompressed/compressed ratio of one zip entry larger than `ratioCheckFromBytes`. */
  maxCompressionRatio: number;
  /** Entries smaller than this are exempt from the ratio check (tiny files compress oddly). */
  ratioCheckFromBytes: number;
  /** Deepest folder nesting. */
  maxDepth: number;
}

export const defaultLoadLimits: LoadLimits = {
  maxFiles: 1000,
  maxFileBytes: 8 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024,
  maxArchiveBytes: 32 * 1024 * 1024,
  maxCompressionRatio: 100,
  ratioCheckFromBytes: 64 * 1024,
  maxDepth: 8,
};

export function resolveLimits(overrides: Partial<LoadLimits> = {}): LoadLimits {
  return { ...defaultLoadLimits, ...overrides };
}

/** Files written by operating systems and archivers that are never part of a template. */
export function isIgnorableEntry(path: string): boolean {
  const segments = path.split('/');
  const name = segments[segments.length - 1]!;
  return segments[0] === '__MACOSX' || name === '.DS_Store' || name === 'Thumbs.db';
}
