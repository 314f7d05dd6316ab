import type { Audience, CompiledForm } from '@tessera/forms';
import type { FieldAccess, SourceDefinition } from '@tessera/reports';

/** How a reader sees one field in one form version: in clear, not at all, or masked. */
export type Visibility = 'clear' | 'hidden' | 'masked';

/** One field path of a dataset, placed in the form: a top-level field, or a row field of a subform. */
export interface FieldRead {
  /** The path as the dataset names it (`amount`, `$parent.branch`, `type`). */
  path: string;
  top: string;
  row?: string;
}

// Long enough that every mask changes it: at least half of a value is always masked.
const PROBE = '\u0001probe-value-0123456789-abcdefghij';

/**
 * The form fields behind the paths a dataset over form records reads. `$` columns of the record
 * are not projected and are left out; `undefined` when a path has no place in the form we know.
 */
export function fieldReads(source: SourceDefinition, paths: Iterable<string>): FieldRead[] | undefined {
  if (source.type !== 'records' && source.type !== 'subformRows') return [];
  if (source.type === 'subformRows' && source.path.includes('.')) return undefined;
  const reads: FieldRead[] = [];
  for (const path of paths) {
    // '' names the subform of a subform source in the maps below; no field path is empty.
    if (path === '' || path === '$parent.') return undefined;
    if (source.type === 'subformRows') {
      if (path.startsWith('$parent.')) reads.push({ path, top: path.slice('$parent.'.length).split('.')[0]! });
      else if (!path.startsWith('$')) reads.push({ path, top: source.path, row: path.split('.')[0]! });
    } else if (!path.startsWith('$')) {
      reads.push({ path, top: path.split('.')[0]! });
    }
  }
  return reads;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * How `audience` sees each read field (and, for subform rows, the subform itself under the key
 * `''`) in one form version, asked of the form's own projection: a probe value for each field goes
 * in, and what comes out says hidden (absent), masked (changed) or clear (unchanged). A field the
 * version does not define is absent from the projection, so it counts as hidden.
 */
export function visibilityIn(
  form: CompiledForm,
  audience: Audience,
  source: SourceDefinition,
  reads: FieldRead[],
): Map<string, Visibility> {
  const rowKeysOf = (top: string) => form.fields.filter((field) => field.parentPath === top).map((field) => field.key);
  // A top-level read of a subform carries every row field, so a hidden or masked row field shows.
  const probeOf = (top: string): unknown =>
    rowKeysOf(top).length ? [Object.fromEntries(rowKeysOf(top).map((key) => [key, PROBE]))] : PROBE;
  const data: Record<string, unknown> = {};
  for (const read of reads) if (read.row === undefined) data[read.top] = probeOf(read.top);
  const rowsPath = source.type === 'subformRows' ? source.path : undefined;
  const rowReads = reads.filter((read) => read.row !== undefined);
  if (rowsPath !== undefined) {
    // The rows a subform source reads: its row fields probed one by one.
    data[rowsPath] = [Object.fromEntries(rowReads.map((read) => [read.row!, PROBE]))];
  }
  const projected = form.project(data, audience);
  const result = new Map<string, Visibility>();
  for (const read of reads) {
    if (read.row !== undefined) continue;
    if (read.top === rowsPath) {
      // Read whole beside being the source of the rows: probed again on its own.
      const alone = form.project({ [read.top]: probeOf(read.top) }, audience)[read.top];
      result.set(read.path, alone === undefined ? 'hidden' : sameValue(alone, probeOf(read.top)) ? 'clear' : 'masked');
      continue;
    }
    const value = projected[read.top];
    result.set(read.path, value === undefined ? 'hidden' : sameValue(value, data[read.top]) ? 'clear' : 'masked');
  }
  if (rowsPath !== undefined) {
    const rows = projected[rowsPath];
    const row = Array.isArray(rows) ? (rows[0] as Record<string, unknown> | undefined) : undefined;
    result.set('', Array.isArray(rows) ? 'clear' : 'hidden');
    for (const read of rowReads) {
      const value = row?.[read.row!];
      result.set(read.path, value === undefined ? 'hidden' : value === PROBE ? 'clear' : 'masked');
    }
  }
  return result;
}

/** How a dataset can run in SQL for a reader, from how they see its fields in each form version present. */
export type SqlPlan =
  /** A field is masked in some version: only the projected in-memory path shows masked values. */
  | { kind: 'memory'; masked: string[] }
  /** The subform the rows come from is hidden in every version: no rows. */
  | { kind: 'empty' }
  | {
      kind: 'sql';
      /** Per read path; paths missing from it are readable everywhere. */
      access: Map<string, FieldAccess>;
      /** Only rows of these form versions hold the subform rows (undefined: every version does). */
      versions?: number[];
    };

/** Decides the plan from each version's visibility map (key `''`: the subform of a subform source). */
export function planFor(byVersion: Map<number, Map<string, Visibility>>): SqlPlan {
  const paths = new Set<string>();
  for (const visibility of byVersion.values()) for (const path of visibility.keys()) paths.add(path);
  const masked = [...paths].filter((path) =>
    [...byVersion.values()].some((visibility) => visibility.get(path) === 'masked'),
  );
  if (masked.length) return { kind: 'memory', masked: masked.filter((path) => path !== '').sort() };
  const clearIn = (path: string) =>
    [...byVersion.entries()].filter(([, visibility]) => visibility.get(path) === 'clear').map(([version]) => version);
  let versions: number[] | undefined;
  if (paths.has('')) {
    const holding = clearIn('');
    if (holding.length === 0) return { kind: 'empty' };
    if (holding.length < byVersion.size) versions = holding.sort((a, b) => a - b);
  }
  const access = new Map<string, FieldAccess>();
  for (const path of paths) {
    if (path === '') continue;
    const clear = clearIn(path).filter((version) => versions === undefined || versions.includes(version));
    const relevant = versions?.length ?? byVersion.size;
    if (clear.length === relevant) continue;
    access.set(path, clear.length === 0 ? 'absent' : { versions: clear.sort((a, b) => a - b) });
  }
  return { kind: 'sql', access, ...(versions ? { versions } : {}) };
}
