import type { Rule } from '@tessera/rules';
import { translateCondition } from '../filter/rule-to-sql';
import { TranslationError } from '../filter/translation-error';
import { rowAlias, subformRowAlias } from '../source/fields';
import { quoteIdentifier, quoteLiteral, SqlParameters } from '../sql/sql-text';
import { type CompiledDataset, normaliseNow, translationContext } from './compile-dataset';
import type { CompiledMeasure } from './measure';
import { resolveParameters } from './parameters';
import { DefinitionError } from '@tessera/rules';

export interface SqlQuery {
  text: string;
  values: unknown[];
}

export interface RunOptions {
  /** An extra rule every row must satisfy, e.g. the caller's record scope (`$ownerId`, `$departmentId`). */
  restrict?: Rule;
  /** The current instant for rules using `now`. */
  now?: string | Date;
}

function column(dataset: CompiledDataset, name: string): string {
  return `${rowAlias}.${quoteIdentifier(dataset.table.columns[name] ?? name)}`;
}

function fromClause(dataset: CompiledDataset): string {
  const table = `${quoteIdentifier(dataset.table.name)} AS ${rowAlias}`;
  const source = dataset.definition.source;
  if (source.type !== 'subformRows') return table;
  const array = `${column(dataset, 'data')}->${source.path.split('.').map(quoteLiteral).join('->')}`;
  return (
    `${table} CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(${array}) = 'array' THEN ${array} ELSE '[]'::jsonb END) ` +
    `WITH ORDINALITY AS ${subformRowAlias}(value, position)`
  );
}

function sourceConditions(dataset: CompiledDataset, parameters: SqlParameters): string[] {
  const source = dataset.definition.source;
  switch (source.type) {
    case 'records':
    case 'subformRows':
      return [
        `${column(dataset, 'form_key')} = ${parameters.add(source.form, 'text')}`,
        `${column(dataset, 'deleted_at')} IS NULL`,
      ];
    case 'processInstances':
    case 'tasks':
      return source.process === undefined
        ? []
        : [`${column(dataset, 'process_key')} = ${parameters.add(source.process, 'text')}`];
    case 'auditEvents':
      return source.entityType === undefined
        ? []
        : [`${column(dataset, 'entity_type')} = ${parameters.add(source.entityType, 'text')}`];
  }
}

function condition(
  dataset: CompiledDataset,
  rule: Rule,
  base: string,
  parameters: SqlParameters,
  values: Record<string, unknown>,
  now: string | undefined,
): string {
  try {
    return translateCondition(rule, translationContext(dataset, parameters, values, base, now));
  } catch (error) {
    if (error instanceof TranslationError) throw new DefinitionError([error.problem]);
    throw error;
  }
}

function measureSql(
  dataset: CompiledDataset,
  index: number,
  parameters: SqlParameters,
  values: Record<string, unknown>,
  now: string | undefined,
): string {
  const measure = dataset.measures[index]!;
  if (measure.definition.aggregate === 'ratio') {
    const { numerator, denominator } = measure.definition;
    const find = (key: string) => dataset.measures.findIndex((other) => other.definition.key === key);
    return `(${measureSql(dataset, find(numerator), parameters, values, now)} / NULLIF(${measureSql(dataset, find(denominator), parameters, values, now)}, 0))`;
  }
  const measureCondition = dataset.measureConditions[index];
  const where = measureCondition
    ? condition(dataset, measureCondition.rule, measureCondition.base, parameters, values, now)
    : undefined;
  return (measure as CompiledMeasure).sql(parameters, dataset.timeZone, where);
}

/** The output keys in sort order: the requested sort, then every dimension (or the row identity) to break ties. */
export function sortPlan(dataset: CompiledDataset): { key: string; descending: boolean }[] {
  const requested = (dataset.definition.sort ?? []).map((sort) => ({
    key: sort.by,
    descending: sort.direction === 'desc',
  }));
  const tieBreakers = dataset.dimensions.map((dimension) => ({ key: dimension.definition.key, descending: false }));
  return [...requested, ...tieBreakers.filter((tie) => !requested.some((sort) => sort.key === tie.key))];
}

/** One parameterised Postgres query computing the dataset; every value, user's or definition's, is a `$n` parameter. */
export function toSql(
  dataset: CompiledDataset,
  params: Record<string, unknown> = {},
  options: RunOptions = {},
): SqlQuery {
  const values = resolveParameters(dataset.definition.parameters ?? {}, params, dataset.timeZone);
  const now = normaliseNow(options.now);
  const parameters = new SqlParameters();
  const select: string[] = [];
  const listing = dataset.columns.length > 0;
  if (listing) {
    for (const { definition, field, dimension } of dataset.columns) {
      const sql =
        field.sqlType === 'timestamptz'
          ? `to_char(${field.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
          : dimension.sql(parameters, dataset.timeZone);
      select.push(`${sql} AS ${quoteIdentifier(definition.key)}`);
    }
  } else {
    for (const dimension of dataset.dimensions)
      select.push(`${dimension.sql(parameters, dataset.timeZone)} AS ${quoteIdentifier(dimension.definition.key)}`);
    dataset.measures.forEach((measure, index) =>
      select.push(
        `${measureSql(dataset, index, parameters, values, now)} AS ${quoteIdentifier(measure.definition.key)}`,
      ),
    );
  }

  const where = sourceConditions(dataset, parameters);
  const conditions: [Rule, string][] = [];
  if (dataset.filter) conditions.push([dataset.filter.rule, dataset.filter.base]);
  if (options.restrict !== undefined) conditions.push([options.restrict, 'restrict']);
  for (const [rule, base] of conditions) where.push(condition(dataset, rule, base, parameters, values, now));
  for (const { dimension, value } of dataset.segments) {
    const cast = typeof value === 'number' ? 'float8' : typeof value === 'boolean' ? 'boolean' : 'text';
    where.push(
      `${dimension.sql(parameters, dataset.timeZone)} IS NOT DISTINCT FROM ${parameters.add(value === null ? null : String(value), cast)}`,
    );
  }

  let text = `SELECT ${select.join(', ')} FROM ${fromClause(dataset)}`;
  if (where.length > 0) text += ` WHERE ${where.join(' AND ')}`;
  if (!listing && dataset.dimensions.length > 0)
    text += ` GROUP BY ${dataset.dimensions.map((_, index) => index + 1).join(', ')}`;
  const order = sortPlan(dataset).map(
    ({ key, descending }) => `${quoteIdentifier(key)} ${descending ? 'DESC' : 'ASC'} NULLS LAST`,
  );
  if (listing) {
    order.push(`${column(dataset, 'id')}::text COLLATE "C" ASC`);
    if (dataset.definition.source.type === 'subformRows') order.push(`${subformRowAlias}.position ASC`);
  }
  if (order.length > 0) text += ` ORDER BY ${order.join(', ')}`;
  if (dataset.definition.limit !== undefined) text += ` LIMIT ${parameters.add(dataset.definition.limit, 'int')}`;
  return { text, values: parameters.values };
}
