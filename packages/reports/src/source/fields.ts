import type { VariableDescriptor, VariableSchema, VariableType } from '@tessera/rules';
import { quoteIdentifier, quoteLiteral } from '../sql/sql-text';
import type { SourceShape } from './source-shape';
import type { TableMapping } from './tables';

/** How a value is typed in SQL; JSON dates and times stay text so they compare as the rules engine compares them. */
export type SqlType = 'text' | 'numeric' | 'boolean' | 'timestamptz' | 'jsonb';

export interface ResolvedField {
  path: string;
  type: VariableType;
  sqlType: SqlType;
  /** The typed SQL expression reading this field for the current row. */
  sql: string;
  timestamp: boolean;
}

/**
 * Which rows may read a document field: every row (`read`), none (`absent`: the field reads as a
 * typed NULL, as a field projected away for the caller), or only rows written with these form
 * versions (`{ versions }`, the rest read NULL).
 */
export type FieldAccess = 'read' | 'absent' | { versions: readonly number[] };

export const rowAlias = 't';
export const subformRowAlias = 'subform_row';

function descriptorOf(entry: VariableType | VariableDescriptor | undefined): VariableDescriptor | undefined {
  if (entry === undefined) return undefined;
  return typeof entry === 'string' ? { type: entry } : entry;
}

/** The type of a dotted path: declared, or `any` beneath a field declared as an object or `any`. */
export function typeOfPath(schema: VariableSchema, path: string): VariableType | undefined {
  const own = descriptorOf(schema[path]);
  if (own) return own.type;
  const segments = path.split('.');
  for (let length = segments.length - 1; length > 0; length -= 1) {
    const parent = descriptorOf(schema[segments.slice(0, length).join('.')]);
    if (parent) return parent.type === 'object' || parent.type === 'any' ? 'any' : undefined;
  }
  return undefined;
}

export function sqlTypeOf(type: VariableType): SqlType {
  switch (type) {
    case 'number':
    case 'integer':
    case 'money':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'array':
    case 'object':
      return 'jsonb';
    default:
      return 'text';
  }
}

function jsonPathSql(base: string, segments: string[], asJson: boolean): string {
  const keys = segments.map(quoteLiteral);
  const last = keys.pop()!;
  return `${[base, ...keys].join('->')}${asJson ? '->' : '->>'}${last}`;
}

function castJsonText(text: string, sqlType: SqlType): string {
  if (sqlType === 'numeric') return `(${text})::numeric`;
  if (sqlType === 'boolean') return `(${text})::boolean`;
  return `(${text})`;
}

/** Resolves field paths of one source against the form's schema; unknown paths resolve to `undefined`. */
export class FieldResolver {
  constructor(
    private readonly shape: SourceShape,
    private readonly table: TableMapping,
    /** Per document prefix (`''`, `$parent`, `before`, …) the schema of its keys, or `untyped` for free-form JSON. */
    private readonly schemas: Record<string, VariableSchema | 'untyped'>,
    /** Who may read each document field path; every field is readable when not given. */
    private readonly access?: (path: string) => FieldAccess,
  ) {}

  resolve(path: string): ResolvedField | undefined {
    // Own keys only: a variable named like an Object.prototype member (hasOwnProperty, constructor) is no system field.
    const system = Object.hasOwn(this.shape.systemFields, path) ? this.shape.systemFields[path] : undefined;
    if (system) {
      const column = `${rowAlias}.${quoteIdentifier(this.table.columns[system.column] ?? system.column)}`;
      if (system.timestamp) return { path, type: system.type, sqlType: 'timestamptz', sql: column, timestamp: true };
      const sqlType = sqlTypeOf(system.type);
      return {
        path,
        type: system.type,
        sqlType,
        sql: sqlType === 'text' ? `${column}::text` : column,
        timestamp: false,
      };
    }
    for (const document of this.documentsLongestPrefixFirst()) {
      const inner =
        document.prefix === ''
          ? path
          : path.startsWith(`${document.prefix}.`)
            ? path.slice(document.prefix.length + 1)
            : undefined;
      if (inner === undefined || inner === '' || inner.startsWith('$')) continue;
      const schema = this.schemas[document.prefix] ?? {};
      const type = schema === 'untyped' ? 'any' : typeOfPath(schema, inner);
      if (!type) return undefined;
      const sqlType = sqlTypeOf(type);
      const base = this.documentBase(document.prefix, document.column);
      const segments = inner.split('.');
      const sql =
        sqlType === 'jsonb'
          ? jsonPathSql(base, segments, true)
          : castJsonText(jsonPathSql(base, segments, false), sqlType);
      return { path, type, sqlType, sql: this.guarded(path, sql, sqlType), timestamp: false };
    }
    return undefined;
  }

  private guarded(path: string, sql: string, sqlType: SqlType): string {
    const access = this.access?.(path) ?? 'read';
    if (access === 'read') return sql;
    if (access === 'absent' || access.versions.length === 0) return `(NULL::${sqlType})`;
    const versions = access.versions.map((version) => {
      if (!Number.isInteger(version)) throw new TypeError(`form version ${String(version)} is not an integer`);
      return String(version);
    });
    const column = `${rowAlias}.${quoteIdentifier(this.table.columns.form_version ?? 'form_version')}`;
    return `(CASE WHEN ${column} IN (${versions.join(', ')}) THEN ${sql} END)`;
  }

  /** The paths a dataset may read, for error messages. */
  knownPaths(): string[] {
    const paths = Object.keys(this.shape.systemFields);
    for (const document of this.documents()) {
      const schema = this.schemas[document.prefix];
      if (schema === undefined || schema === 'untyped') continue;
      for (const key of Object.keys(schema)) {
        paths.push(document.prefix === '' ? key : `${document.prefix}.${key}`);
      }
    }
    return paths;
  }

  private documents(): { prefix: string; column: string }[] {
    const documents = [...this.shape.documents];
    if (this.shape.unnest !== undefined) documents.push({ prefix: '', column: '' });
    return documents;
  }

  private documentsLongestPrefixFirst(): { prefix: string; column: string }[] {
    return this.documents().sort((a, b) => b.prefix.length - a.prefix.length);
  }

  private documentBase(prefix: string, column: string): string {
    if (prefix === '' && this.shape.unnest !== undefined) return `${subformRowAlias}.value`;
    return `${rowAlias}.${quoteIdentifier(this.table.columns[column] ?? column)}`;
  }
}

/** Reads a dotted path from a row view as json-logic's `var` does: a missing step gives null. */
export function readPath(view: unknown, path: string): unknown {
  let current: unknown = view;
  for (const segment of path.split('.')) {
    if (current === null || current === undefined || typeof current !== 'object') return null;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return null;
    current = (current as Record<string, unknown>)[segment];
  }
  return current === undefined ? null : current;
}
