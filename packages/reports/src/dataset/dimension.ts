import type { DimensionDefinition } from '../definition/types';
import type { ResolvedField } from '../source/fields';
import type { SqlParameters } from '../sql/sql-text';
import { bucketStart, dayFromIsoDate, isoDateOfDay, localDay, toInstant } from '../time/zoned-time';

/** A dimension ready to run: its SQL select expression and the same grouping key computed in JavaScript. */
export interface CompiledDimension {
  definition: DimensionDefinition;
  field: ResolvedField;
  sql(parameters: SqlParameters, timeZone: string): string;
  read(value: unknown, timeZone: string): string | number | boolean | null;
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isNaN(number) ? null : number;
}

function bucketSql(
  definition: DimensionDefinition,
  field: ResolvedField,
  parameters: SqlParameters,
  timeZone: string,
): string {
  const bucket = definition.bucket!;
  let local: string;
  if (field.sqlType === 'timestamptz' || field.type === 'datetime') {
    const instant = field.sqlType === 'timestamptz' ? field.sql : `(${field.sql})::timestamptz`;
    local = `(${instant} AT TIME ZONE ${parameters.shared('timeZone', timeZone, 'text')})`;
  } else {
    local = `(${field.sql})::date::timestamp`;
  }
  return `to_char(date_trunc('${bucket}', ${local}), 'YYYY-MM-DD')`;
}

function readBucket(
  definition: DimensionDefinition,
  field: ResolvedField,
  value: unknown,
  timeZone: string,
): string | null {
  let day: number | null;
  if (field.sqlType === 'timestamptz' || field.type === 'datetime') {
    const instant = toInstant(value);
    day = instant ? localDay(instant, timeZone) : null;
  } else {
    day = typeof value === 'string' ? dayFromIsoDate(value) : null;
  }
  return day === null ? null : isoDateOfDay(bucketStart(day, definition.bucket!));
}

export function compileDimension(definition: DimensionDefinition, field: ResolvedField): CompiledDimension {
  if (definition.bucket) {
    return {
      definition,
      field,
      sql: (parameters, timeZone) => bucketSql(definition, field, parameters, timeZone),
      read: (value, timeZone) => readBucket(definition, field, value, timeZone),
    };
  }
  if (definition.ranges) {
    const ranges = definition.ranges;
    return {
      definition,
      field,
      sql: (parameters) => {
        const branches = ranges.map((range) => {
          const bounds = [
            range.from === undefined ? undefined : `${field.sql} >= ${parameters.add(String(range.from), 'numeric')}`,
            range.to === undefined ? undefined : `${field.sql} < ${parameters.add(String(range.to), 'numeric')}`,
          ].filter((bound) => bound !== undefined);
          return `WHEN ${bounds.length ? bounds.join(' AND ') : `${field.sql} IS NOT NULL`} THEN ${parameters.add(range.key, 'text')}`;
        });
        return `(CASE ${branches.join(' ')} END) COLLATE "C"`;
      },
      read: (value) => {
        const number = numberOrNull(value);
        if (number === null) return null;
        const range = ranges.find(
          (candidate) =>
            (candidate.from === undefined || number >= candidate.from) &&
            (candidate.to === undefined || number < candidate.to),
        );
        return range ? range.key : null;
      },
    };
  }
  return {
    definition,
    field,
    sql: () =>
      field.sqlType === 'numeric'
        ? `(${field.sql})::float8`
        : field.sqlType === 'text'
          ? `${field.sql} COLLATE "C"`
          : field.sql,
    read: (value) => {
      if (value === null || value === undefined) return null;
      if (field.sqlType === 'numeric') return numberOrNull(value);
      if (field.sqlType === 'boolean')
        return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : null;
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
    },
  };
}
