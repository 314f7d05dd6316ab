import { createHash } from 'node:crypto';
import type { CompiledForm, FieldType } from '@tessera/forms';
import { quoteLiteral } from '@tessera/reports';
import type { VariableSchema, VariableType } from '@tessera/rules';

/**
 * Expression indexes over the JSONB `data` of one form's records, derived from the form's metadata.
 *
 * The rule: a top-level field whose type people filter, sort and group by — choices (select,
 * radio), dates and times, amounts and numbers, and references to a user, a department or another
 * record (single-valued) — gets a btree index on the exact expression the record list reads it
 * with, partial on the form's live rows. Free text is searched, not ordered, so it gets none;
 * multi-valued, object and subform fields have no single value to order. At most
 * `MAX_INDEXES_PER_FORM` fields per form, in definition order, bound the cost on every write.
 */
export const MAX_INDEXES_PER_FORM = 12;

const INDEXED_TYPES = new Set<FieldType>([
  'select',
  'radio',
  'date',
  'datetime',
  'money',
  'number',
  'integer',
  'percent',
  'userPicker',
  'departmentPicker',
  'relation',
]);

/** How a field's value is ordered and compared in SQL: as a number, or as text in code-point order. */
export type ValueKind = 'numeric' | 'text';

export function valueKindOf(type: VariableType | undefined): ValueKind | undefined {
  switch (type) {
    case 'number':
    case 'integer':
    case 'money':
      return 'numeric';
    case 'string':
    case 'date':
    case 'datetime':
    case 'time':
      return 'text';
    default:
      return undefined;
  }
}

export function schemaTypeOf(schema: VariableSchema, key: string): VariableType | undefined {
  const entry = schema[key];
  return entry === undefined ? undefined : typeof entry === 'string' ? entry : entry.type;
}

/**
 * The one SQL expression reading a top-level field for ordering and index lookups; `data` is the
 * JSONB column as the query names it (`t."data"` in the record list, `"data"` in an index).
 * Numbers read as `numeric` (the filter translator of `@tessera/reports` reads them the same way),
 * text in the "C" collation so order is by code point on every database.
 */
export function fieldExpression(data: string, key: string, kind: ValueKind): string {
  const text = `(${data}->>${quoteLiteral(key)})`;
  return kind === 'numeric' ? `${text}::numeric` : `(${text} COLLATE "C")`;
}

export interface PlannedIndex {
  name: string;
  field: string;
  kind: ValueKind;
  /** `CREATE INDEX` without `CONCURRENTLY` / `IF NOT EXISTS`, which the caller adds. */
  definition: (options: { concurrently: boolean }) => string;
}

function hash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

function slug(text: string, length: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, length);
}

/** Every index of a form's records starts with this, so its indexes are found (and dropped) by name. */
export function indexPrefix(formKey: string): string {
  return `rx_${slug(formKey, 20)}_${hash(formKey, 6)}_`;
}

/**
 * The fields a text search may look in, of the form's latest version: every top-level field holding
 * one value. A caller searches the part of them it reads in clear; the trigram index covers them all.
 */
export function searchKeys(form: CompiledForm): string[] {
  return form.definition.fields
    .filter((field) => form.fields.some((info) => info.path === field.key))
    .filter((field) => valueKindOf(schemaTypeOf(form.variableSchema, field.key)) !== undefined)
    .map((field) => field.key);
}

/**
 * All searchable values of a record in one text, which a trigram index can answer `ILIKE '%…%'`
 * on. A text found in one field is found here too, so this only narrows rows the per-field search
 * then checks. `||` and `coalesce` keep the expression immutable, as an index needs.
 */
export function searchExpression(data: string, keys: string[]): string {
  if (!keys.length) return `''`;
  return `(${keys.map((key) => `coalesce((${data}->>${quoteLiteral(key)}), '')`).join(` || ' ' || `)})`;
}

/** The indexes a form version needs; names are deterministic, at most 60 characters. */
export function plannedIndexes(form: CompiledForm, options: { trigramSchema?: string | null } = {}): PlannedIndex[] {
  const planned: PlannedIndex[] = [];
  const keys = searchKeys(form);
  if (options.trigramSchema && keys.length) {
    const predicate = `form_key = ${quoteLiteral(form.key)} AND deleted_at IS NULL`;
    const column = `${searchExpression('"data"', keys)} "${options.trigramSchema.replace(/"/g, '""')}".gin_trgm_ops`;
    const name = `${indexPrefix(form.key)}search_${hash(`gin ${column} WHERE ${predicate}`, 8)}`;
    planned.push({
      name,
      field: '$search',
      kind: 'text',
      definition: ({ concurrently }) =>
        `CREATE INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS "${name}" ON record USING gin (${column}) WHERE ${predicate}`,
    });
  }
  for (const field of form.definition.fields) {
    if (planned.filter((index) => index.field !== '$search').length >= MAX_INDEXES_PER_FORM) break;
    if (!INDEXED_TYPES.has(field.type) || field.multiple === true) continue;
    if (!form.fields.some((info) => info.path === field.key)) continue;
    const kind = valueKindOf(schemaTypeOf(form.variableSchema, field.key));
    if (!kind) continue;
    const expression = fieldExpression('"data"', field.key, kind);
    const predicate = `form_key = ${quoteLiteral(form.key)} AND deleted_at IS NULL`;
    // Missing values first in the index, so a backward scan serves the common `-field` sort (missing last).
    const column = `(${expression}) NULLS FIRST`;
    const name = `${indexPrefix(form.key)}${slug(field.key, 20)}_${hash(`${column} WHERE ${predicate}`, 8)}`;
    planned.push({
      name,
      field: field.key,
      kind,
      definition: ({ concurrently }) =>
        `CREATE INDEX ${concurrently ? 'CONCURRENTLY ' : ''}IF NOT EXISTS "${name}" ON record (${column}) WHERE ${predicate}`,
    });
  }
  return planned;
}

export interface Queryable {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

export interface IndexSync {
  created: string[];
  dropped: string[];
}

/**
 * Brings a form's record indexes in line with its latest version: creates the missing ones (an
 * index left invalid by an interrupted concurrent build is rebuilt) and drops the ones no longer
 * planned. Idempotent. With `concurrently` (Postgres, outside a transaction) writes go on meanwhile.
 */
export async function syncRecordIndexes(
  db: Queryable,
  form: CompiledForm,
  options: { concurrently: boolean; trigramSchema?: string | null },
): Promise<IndexSync> {
  const prefix = indexPrefix(form.key);
  const existing = (await db.query(
    `SELECT c.relname AS name, i.indisvalid AS valid
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class r ON r.oid = i.indrelid
      WHERE r.relname = 'record' AND r.relnamespace = current_schema()::regnamespace
        AND starts_with(c.relname, $1)`,
    [prefix],
  )) as { name: string; valid: boolean }[];
  const concurrently = options.concurrently ? 'CONCURRENTLY ' : '';
  const planned = plannedIndexes(form, options);
  const wanted = new Set(planned.map((index) => index.name));
  const result: IndexSync = { created: [], dropped: [] };
  for (const index of existing) {
    if (wanted.has(index.name) && index.valid) continue;
    await db.query(`DROP INDEX ${concurrently}IF EXISTS "${index.name}"`);
    if (!wanted.has(index.name)) result.dropped.push(index.name);
  }
  const present = new Set(existing.filter((index) => index.valid).map((index) => index.name));
  for (const index of planned) {
    if (present.has(index.name)) continue;
    await db.query(index.definition(options));
    result.created.push(index.name);
  }
  return result;
}

/**
 * The schema of the pg_trgm extension, installing it (in `public`) when it is missing and this
 * database lets us; null where there is none (PGlite, or no right to create it): search then
 * runs without a trigram index.
 */
export async function trigramSchema(db: Queryable, options: { install: boolean }): Promise<string | null> {
  const installed = async () =>
    (
      (await db.query(
        `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'`,
      )) as { schema: string }[]
    )[0]?.schema ?? null;
  const found = await installed();
  if (found || !options.install) return found;
  try {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
  } catch {
    // Not available here, or not ours to install (another process may have just done it).
  }
  return installed();
}
