import { truthy } from '@tessera/rules';
import { ruleVariables } from '../filter/rule-variables';
import { readPath } from '../source/fields';
import { type CompiledDataset, compileCondition, normaliseNow } from './compile-dataset';
import { compareCodePoints } from './code-point-order';
import { type Accumulator, type CompiledMeasure } from './measure';
import { resolveParameters } from './parameters';
import { type RowView, rowViews, type SourceRow } from './row-view';
import { type RunOptions, sortPlan } from './to-sql';

export type ResultValue = string | number | boolean | null;
export type ResultRow = Record<string, ResultValue>;

function compareValues(a: ResultValue, b: ResultValue): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  return compareCodePoints(String(a), String(b));
}

function sortRows(
  rows: { row: ResultRow; identity?: [string, number] }[],
  plan: { key: string; descending: boolean }[],
): void {
  rows.sort((left, right) => {
    for (const { key, descending } of plan) {
      const a = left.row[key] ?? null;
      const b = right.row[key] ?? null;
      if (a === null || b === null) {
        if (a !== b) return a === null ? 1 : -1;
        continue;
      }
      const difference = compareValues(a, b);
      if (difference !== 0) return descending ? -difference : difference;
    }
    if (left.identity && right.identity) {
      return compareCodePoints(left.identity[0], right.identity[0]) || left.identity[1] - right.identity[1];
    }
    return 0;
  });
}

/**
 * Computes the dataset over rows already in memory (the source table's rows, keyed by column),
 * giving the same result as running `toSql` on Postgres. The filter runs through `@tessera/rules`.
 */
export function evaluateInMemory(
  dataset: CompiledDataset,
  rows: Iterable<SourceRow>,
  params: Record<string, unknown> = {},
  options: RunOptions = {},
): ResultRow[] {
  const values = resolveParameters(dataset.definition.parameters ?? {}, params, dataset.timeZone);
  const restrict =
    options.restrict === undefined ? undefined : compileCondition(dataset, options.restrict, 'restrict')!.test;
  const context = { now: normaliseNow(options.now) };
  const passes = (view: Record<string, unknown>) =>
    (!dataset.filter || truthy(dataset.filter.test(view, context))) &&
    (!restrict || truthy(restrict(view, context))) &&
    dataset.segments.every(
      ({ dimension, value }) => dimension.read(readPath(view, dimension.field.path), dataset.timeZone) === value,
    );
  let systemFields = dataset.systemFieldsRead;
  if (systemFields && options.restrict !== undefined) {
    const restricted = ruleVariables(options.restrict);
    systemFields = restricted
      ? new Set(
          [...systemFields, ...[...restricted].map((path) => path.split('.')[0]!)].filter(
            (name) => name in dataset.shape.systemFields,
          ),
        )
      : undefined;
  }
  const views = rowViews(dataset, rows, values, systemFields).filter(({ view }) => passes(view));

  if (dataset.columns.length > 0) {
    const listed = views.map(({ view, identity }: RowView) => {
      const row: ResultRow = {};
      for (const { definition, field, dimension } of dataset.columns) {
        const raw = readPath(view, field.path);
        if (field.sqlType === 'timestamptz') {
          const instant = raw === null ? null : new Date(String(raw));
          row[definition.key] = instant ? instant.toISOString() : null;
        } else {
          row[definition.key] = dimension.read(raw, dataset.timeZone);
        }
      }
      return { row, identity };
    });
    sortRows(listed, sortPlan(dataset));
    const limited = dataset.definition.limit === undefined ? listed : listed.slice(0, dataset.definition.limit);
    return limited.map(({ row }) => row);
  }

  const groups = new Map<string, { keys: ResultRow; accumulators: (Accumulator | undefined)[] }>();
  const newGroup = (keys: ResultRow) => ({
    keys,
    accumulators: dataset.measures.map((measure) =>
      measure.definition.aggregate === 'ratio' ? undefined : (measure as CompiledMeasure).accumulator(dataset.timeZone),
    ),
  });
  if (dataset.dimensions.length === 0) groups.set('[]', newGroup({}));
  for (const { view } of views) {
    const keys: ResultRow = {};
    for (const dimension of dataset.dimensions)
      keys[dimension.definition.key] = dimension.read(readPath(view, dimension.field.path), dataset.timeZone);
    const groupKey = JSON.stringify(dataset.dimensions.map((dimension) => keys[dimension.definition.key]));
    let group = groups.get(groupKey);
    if (!group) {
      group = newGroup(keys);
      groups.set(groupKey, group);
    }
    group.accumulators.forEach((accumulator, index) => {
      const condition = dataset.measureConditions[index];
      if (accumulator && (!condition || truthy(condition.test(view, context)))) accumulator.add(view);
    });
  }

  const results = [...groups.values()].map(({ keys, accumulators }) => {
    const row: ResultRow = { ...keys };
    const computed = new Map<string, ResultValue>();
    dataset.measures.forEach((measure, index) => {
      if (accumulators[index]) computed.set(measure.definition.key, accumulators[index]!.result());
    });
    for (const measure of dataset.measures) {
      const { definition } = measure;
      if (definition.aggregate === 'ratio') {
        const numerator = computed.get(definition.numerator);
        const denominator = computed.get(definition.denominator);
        row[definition.key] =
          typeof numerator === 'number' && typeof denominator === 'number' && denominator !== 0
            ? numerator / denominator
            : null;
      } else {
        row[definition.key] = computed.get(definition.key) ?? null;
      }
    }
    return { row };
  });
  sortRows(results, sortPlan(dataset));
  const limited = dataset.definition.limit === undefined ? results : results.slice(0, dataset.definition.limit);
  return limited.map(({ row }) => row);
}
