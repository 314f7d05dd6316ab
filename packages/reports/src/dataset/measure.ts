import type { MeasureDefinition } from '../definition/types';
import { readPath, type ResolvedField } from '../source/fields';
import type { SqlParameters } from '../sql/sql-text';
import { compareCodePoints } from './code-point-order';
import { dayFromIsoDate, localDay, toInstant, workingDaysBetween } from '../time/zoned-time';

export type MeasureValue = number | string | null;

/** Accumulates one group's rows in JavaScript exactly as the SQL aggregate does. */
export interface Accumulator {
  add(view: Record<string, unknown>): void;
  result(): MeasureValue;
}

export interface CompiledMeasure {
  definition: MeasureDefinition;
  /** The aggregate expression; `where` is the SQL of the measure's own condition. */
  sql(parameters: SqlParameters, timeZone: string, where: string | undefined): string;
  accumulator(timeZone: string): Accumulator;
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined || value === '' || typeof value === 'object' || typeof value === 'boolean')
    return null;
  const number = Number(value);
  return Number.isNaN(number) ? null : number;
}

function filtered(aggregate: string, where: string | undefined): string {
  return where ? `${aggregate} FILTER (WHERE ${where})` : aggregate;
}

/** Postgres `percentile_cont`: linear interpolation between the two nearest ranks. */
export function continuousPercentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

interface NumberStatistic {
  add(value: number | null): void;
  result(): number | null;
}

function statistic(kind: 'sum' | 'avg' | 'min' | 'max' | 'percentile', fraction = 0.5): NumberStatistic {
  const values: number[] = [];
  return {
    add: (value) => {
      if (value !== null) values.push(value);
    },
    result: () => {
      if (values.length === 0) return null;
      switch (kind) {
        case 'sum':
          return values.reduce((total, value) => total + value, 0);
        case 'avg':
          return values.reduce((total, value) => total + value, 0) / values.length;
        case 'min':
          return values.reduce((low, value) => (value < low ? value : low));
        case 'max':
          return values.reduce((high, value) => (value > high ? value : high));
        case 'percentile':
          return continuousPercentile(values, fraction);
      }
    },
  };
}

function statisticSql(
  kind: 'sum' | 'avg' | 'min' | 'max' | 'percentile',
  value: string,
  where: string | undefined,
  parameters: SqlParameters,
  fraction?: number,
): string {
  if (kind === 'percentile') {
    return `(${filtered(`percentile_cont(${parameters.add(fraction, 'float8')}) WITHIN GROUP (ORDER BY ${value})`, where)})::float8`;
  }
  return `(${filtered(`${kind}(${value})`, where)})::float8`;
}

export interface MeasureFields {
  field?: ResolvedField;
  from?: ResolvedField;
  to?: ResolvedField;
}

function instantSql(field: ResolvedField): string {
  return field.sqlType === 'timestamptz' ? field.sql : `(${field.sql})::timestamptz`;
}

function localDateSql(field: ResolvedField, parameters: SqlParameters, timeZone: string): string {
  if (field.type === 'date') return `(${field.sql})::date`;
  return `(${instantSql(field)} AT TIME ZONE ${parameters.shared('timeZone', timeZone, 'text')})::date`;
}

function dayOf(field: ResolvedField, value: unknown, timeZone: string): number | null {
  if (field.type === 'date') return typeof value === 'string' ? dayFromIsoDate(value) : null;
  const instant = toInstant(value);
  return instant ? localDay(instant, timeZone) : null;
}

function durationMeasure(
  definition: Extract<MeasureDefinition, { aggregate: 'duration' }>,
  fields: MeasureFields,
): CompiledMeasure {
  const from = fields.from!;
  const to = fields.to!;
  const kind = definition.statistic;
  const holidays = new Set((definition.holidays ?? []).map((day) => dayFromIsoDate(day)!));
  return {
    definition,
    sql: (parameters, timeZone, where) => {
      let value: string;
      if (definition.unit === 'hours') {
        value = `(EXTRACT(EPOCH FROM ${instantSql(to)}) - EXTRACT(EPOCH FROM ${instantSql(from)}))::float8 / 3600`;
      } else {
        const start = localDateSql(from, parameters, timeZone);
        const end = localDateSql(to, parameters, timeZone);
        const holidayList = parameters.add(definition.holidays ?? [], 'date[]');
        value =
          `(SELECT sign(${end} - ${start}) * count(*) FROM generate_series(LEAST(${start}, ${end}) + 1, GREATEST(${start}, ${end}), interval '1 day') AS working_day(day) ` +
          `WHERE extract(isodow FROM working_day.day) < 6 AND NOT (working_day.day::date = ANY(${holidayList})))::float8`;
        value = `CASE WHEN ${start} IS NULL OR ${end} IS NULL THEN NULL ELSE ${value} END`;
      }
      return statisticSql(kind, value, where, parameters, definition.percentile ?? 0.5);
    },
    accumulator: (timeZone) => {
      const values = statistic(kind, definition.percentile ?? 0.5);
      return {
        add: (view) => {
          const start = readPath(view, from.path);
          const end = readPath(view, to.path);
          if (definition.unit === 'hours') {
            const a = toInstant(start);
            const b = toInstant(end);
            values.add(a && b ? (b.getTime() - a.getTime()) / 3600000 : null);
          } else {
            const a = dayOf(from, start, timeZone);
            const b = dayOf(to, end, timeZone);
            values.add(a === null || b === null ? null : workingDaysBetween(a, b, holidays));
          }
        },
        result: () => values.result(),
      };
    },
  };
}

function fieldMeasure(
  definition: Extract<MeasureDefinition, { field: string }>,
  field: ResolvedField,
): CompiledMeasure {
  const { aggregate } = definition;
  const numeric = field.sqlType === 'numeric';
  const timestamp = field.sqlType === 'timestamptz';
  return {
    definition,
    sql: (parameters, _timeZone, where) => {
      switch (aggregate) {
        case 'countDistinct':
          return `(${filtered(`count(DISTINCT ${field.sql})`, where)})::float8`;
        case 'sum':
        case 'avg':
          return statisticSql(aggregate, field.sql, where, parameters);
        case 'percentile':
          return statisticSql('percentile', `(${field.sql})::float8`, where, parameters, definition.percentile);
        case 'min':
        case 'max':
          if (numeric) return statisticSql(aggregate, field.sql, where, parameters);
          if (timestamp)
            return `to_char(${filtered(`${aggregate}(${field.sql})`, where)} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
          return filtered(`${aggregate}(${field.sql} COLLATE "C")`, where);
      }
    },
    accumulator: () => {
      if (aggregate === 'countDistinct') {
        const seen = new Set<unknown>();
        return {
          add: (view) => {
            const raw = readPath(view, field.path);
            if (raw === null) return;
            if (numeric) {
              const number = numberOrNull(raw);
              if (number !== null) seen.add(number);
            } else if (timestamp) {
              seen.add(toInstant(raw)?.getTime());
            } else {
              seen.add(typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
            }
          },
          result: () => seen.size,
        };
      }
      if (numeric) {
        const values = statistic(aggregate, aggregate === 'percentile' ? definition.percentile : 0.5);
        return { add: (view) => values.add(numberOrNull(readPath(view, field.path))), result: () => values.result() };
      }
      let best: string | null = null;
      let bestTime = 0;
      return {
        add: (view) => {
          const raw = readPath(view, field.path);
          if (raw === null) return;
          if (timestamp) {
            const instant = toInstant(raw);
            if (!instant) return;
            const time = instant.getTime();
            if (best === null || (aggregate === 'min' ? time < bestTime : time > bestTime)) {
              best = instant.toISOString();
              bestTime = time;
            }
            return;
          }
          const text = String(raw);
          if (
            best === null ||
            (aggregate === 'min' ? compareCodePoints(text, best) < 0 : compareCodePoints(text, best) > 0)
          )
            best = text;
        },
        result: () => best,
      };
    },
  };
}

/** Compiles every measure but ratios, which the dataset computes from the measures they name. */
export function compileMeasure(
  definition: Exclude<MeasureDefinition, { aggregate: 'ratio' }>,
  fields: MeasureFields,
): CompiledMeasure {
  switch (definition.aggregate) {
    case 'count':
      return {
        definition,
        sql: (_parameters, _timeZone, where) => `(${filtered('count(*)', where)})::float8`,
        accumulator: () => {
          let count = 0;
          return { add: () => void (count += 1), result: () => count };
        },
      };
    case 'duration':
      return durationMeasure(definition, fields);
    default:
      return fieldMeasure(definition, fields.field!);
  }
}
