import { HttpStatus } from '@nestjs/common';
import { resolveParameters, type CompiledDataset, type DateBucket, type DimensionDefinition } from '@tessera/reports';
import type { Rule } from '@tessera/rules';
import { ApiError, type ApiErrorDetail } from '../core/errors/api-error';
import { text } from '../core/errors/localized';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The rule with every `{ "var": "$params.x" }` replaced by the parameter's value. */
export function bindParameters(rule: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(rule)) return rule.map((item) => bindParameters(item, values));
  if (!isObject(rule)) return rule;
  const keys = Object.keys(rule);
  if (keys.length === 1 && keys[0] === 'var') {
    const argument = rule.var;
    const path = Array.isArray(argument) ? argument[0] : argument;
    if (typeof path === 'string' && path.startsWith('$params.')) {
      const value = values[path.slice('$params.'.length)];
      return value === undefined ? null : value;
    }
    return rule;
  }
  return Object.fromEntries(keys.map((key) => [key, bindParameters(rule[key], values)]));
}

/** The first day of the bucket after the one starting on `start` (`YYYY-MM-DD`). */
export function nextBucketStart(start: string, bucket: DateBucket): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!match) return undefined;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return undefined;
  switch (bucket) {
    case 'day':
      date.setUTCDate(date.getUTCDate() + 1);
      break;
    case 'week':
      date.setUTCDate(date.getUTCDate() + 7);
      break;
    case 'month':
      date.setUTCMonth(date.getUTCMonth() + 1);
      break;
    case 'quarter':
      date.setUTCMonth(date.getUTCMonth() + 3);
      break;
    case 'year':
      date.setUTCFullYear(date.getUTCFullYear() + 1);
      break;
  }
  return date.toISOString().slice(0, 10);
}

/** The UTC offset (`+08:00`) of a time zone on a day. */
export function zoneOffset(day: string, timeZone: string): string {
  const noon = new Date(`${day}T12:00:00Z`);
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(noon)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name ?? '');
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

function pointCondition(
  dimension: DimensionDefinition,
  value: unknown,
  path: string,
  problems: ApiErrorDetail[],
  timeZone: string,
): Rule | undefined {
  const field = { var: dimension.field };
  if (dimension.field.startsWith('$')) {
    problems.push({
      path,
      code: 'drill.systemField',
      message: text(
        `维度“${dimension.key}”按系统字段 ${dimension.field} 分组，记录列表不能按它筛选`,
        `The dimension "${dimension.key}" groups by the system field ${dimension.field}, which the record list cannot filter on`,
      ),
    });
    return undefined;
  }
  if (dimension.ranges) {
    const range = dimension.ranges.find((candidate) => candidate.key === value);
    if (!range) {
      problems.push({
        path,
        code: 'drill.unknownRange',
        message: text(`维度“${dimension.key}”没有区间“${String(value)}”`, `The dimension "${dimension.key}" has no range "${String(value)}"`),
      });
      return undefined;
    }
    const bounds: Rule[] = [];
    if (range.from !== undefined) bounds.push({ '>=': [field, range.from] } as Rule);
    if (range.to !== undefined) bounds.push({ '<': [field, range.to] } as Rule);
    return (bounds.length === 1 ? bounds[0] : { and: bounds }) as Rule;
  }
  if (dimension.bucket && value !== null) {
    const next = typeof value === 'string' ? nextBucketStart(value, dimension.bucket) : undefined;
    if (!next) {
      problems.push({
        path,
        code: 'drill.invalidBucket',
        message: text('应为区间首日 YYYY-MM-DD', 'Expected the first day of the bucket, YYYY-MM-DD'),
      });
      return undefined;
    }
    // Bucket bounds are local midnights of the dataset's time zone: calendar dates compare as dates,
    // timestamps as instants (isBefore reads both).
    const offset = zoneOffset(value as string, timeZone);
    const from = `${value as string}T00:00:00${offset}`;
    const to = `${next}T00:00:00${zoneOffset(next, timeZone)}`;
    return { and: [{ '!': [{ isBefore: [field, from] }] }, { isBefore: [field, to] }] } as Rule;
  }
  return { '==': [field, value] } as Rule;
}

/**
 * The JSON-logic filter of the records behind one point of a chart: the dataset's own filter with
 * the parameter values bound in, and one condition per clicked dimension value (a range's bounds,
 * a date bucket's first and next first day, or equality).
 */
export function drillFilter(
  dataset: CompiledDataset,
  params: Record<string, unknown>,
  point: Record<string, unknown>,
): Rule {
  const problems: ApiErrorDetail[] = [];
  const conditions: Rule[] = [];
  if (dataset.definition.filter !== undefined) {
    const values = resolveParameters(dataset.definition.parameters ?? {}, params, dataset.timeZone);
    conditions.push(bindParameters(dataset.definition.filter, values) as Rule);
  }
  for (const [key, value] of Object.entries(point)) {
    const dimension = dataset.definition.dimensions?.find((candidate) => candidate.key === key);
    if (!dimension) {
      problems.push({
        path: `point.${key}`,
        code: 'drill.unknownDimension',
        message: text(`数据集没有维度“${key}”`, `The dataset has no dimension "${key}"`),
      });
      continue;
    }
    const condition = pointCondition(dimension, value, `point.${key}`, problems, dataset.timeZone);
    if (condition !== undefined) conditions.push(condition);
  }
  if (problems.length) {
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'report.drillInvalid',
      text('无法下钻到这个点', 'This point cannot be drilled into'),
      problems,
    );
  }
  if (conditions.length === 0) return true as Rule;
  return (conditions.length === 1 ? conditions[0] : { and: conditions }) as Rule;
}
