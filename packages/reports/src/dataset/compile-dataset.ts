import {
  compile,
  type CompiledRule,
  DefinitionError,
  type Problem,
  type Rule,
  RuleError,
  type VariableSchema,
} from '@tessera/rules';
import type { ColumnDefinition, DatasetDefinition, DimensionDefinition, MeasureDefinition } from '../definition/types';
import { translateCondition, type TranslationContext } from '../filter/rule-to-sql';
import { TranslationError } from '../filter/translation-error';
import { ruleVariables } from '../filter/rule-variables';
import { type FieldAccess, FieldResolver, type ResolvedField } from '../source/fields';
import { sourceShape, type SourceShape } from '../source/source-shape';
import { resolveTables, type TableMapping, type TableOverrides } from '../source/tables';
import { SqlParameters } from '../sql/sql-text';
import { isTimeZone, toInstant, toLocalIso, withZone } from '../time/zoned-time';
import { type CompiledDimension, compileDimension } from './dimension';
import { type CompiledMeasure, compileMeasure } from './measure';

export interface DatasetCompileOptions {
  /** The variables of the form (records, subform rows), process (instances) or task data the dataset reads. */
  schema?: VariableSchema;
  tables?: TableOverrides;
  /** Where the dataset sits in its report, for problem paths; `dataset` by default. */
  base?: string;
  /**
   * Which rows may read each document field (`amount`, `$parent.branch`, `after.status`): a field a
   * caller may not read then reads as NULL in the SQL, as it is absent from their projection.
   */
  fieldAccess?: (path: string) => FieldAccess;
}

/** A rule checked once, kept as SQL-ready definition and as a compiled in-memory predicate. */
export interface CompiledCondition {
  rule: Rule;
  base: string;
  test: CompiledRule;
}

export interface CompiledRatio {
  definition: Extract<MeasureDefinition, { aggregate: 'ratio' }>;
}

export interface CompiledColumn {
  definition: ColumnDefinition;
  field: ResolvedField;
  dimension: CompiledDimension;
}

export interface CompiledDataset {
  definition: DatasetDefinition;
  shape: SourceShape;
  table: TableMapping;
  timeZone: string;
  resolver: FieldResolver;
  filter?: CompiledCondition;
  dimensions: CompiledDimension[];
  /** Measures in definition order; a ratio's entry is computed from the two measures it names. */
  measures: (CompiledMeasure | CompiledRatio)[];
  measureConditions: (CompiledCondition | undefined)[];
  columns: CompiledColumn[];
  segments: { dimension: CompiledDimension; value: string | number | boolean | null }[];
  /** The `$` columns the in-memory evaluator must read from each row; undefined for all of them. */
  systemFieldsRead?: Set<string>;
  /** What the dataset was compiled with, so it can be compiled again for another reader. */
  options: DatasetCompileOptions;
}

export const defaultTimeZone = 'Asia/Shanghai';
const keyPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

function problem(code: string, path: string, zh: string, en: string): Problem {
  return { code, path, message: { 'zh-CN': zh, en } };
}

function subformSchema(schema: VariableSchema, path: string): VariableSchema | undefined {
  const entry = schema[path];
  if (entry === undefined || typeof entry === 'string' || entry.type !== 'array') return undefined;
  return entry.items ?? {};
}

/** Builds the translation context of one rule; `toSql` builds another with the real parameter values. */
export function translationContext(
  dataset: CompiledDataset,
  parameters: SqlParameters,
  values: Record<string, unknown>,
  base: string,
  now?: string,
): TranslationContext {
  return {
    now,
    resolver: dataset.resolver,
    parameters,
    parameterDefinitions: dataset.definition.parameters ?? {},
    parameterValues: values,
    timeZone: dataset.timeZone,
    base,
    literalRewrites: [],
    toLocalIso: (text) => {
      const instant = toInstant(text);
      return instant ? toLocalIso(instant, dataset.timeZone) : null;
    },
  };
}

/** `now` as the caller passed it (its offset decides `today`); a Date becomes its ISO text. */
export function normaliseNow(now: string | Date | undefined): string | undefined {
  if (now === undefined) return undefined;
  const text = now instanceof Date ? (Number.isNaN(now.getTime()) ? '' : now.toISOString()) : now;
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(text) ||
    (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text) && toInstant(withZone(text)) !== null);
  if (!valid)
    throw new DefinitionError([
      problem('run.invalidNow', 'now', `"${String(now)}" 不是有效的时间`, `"${String(now)}" is not a valid instant`),
    ]);
  return text;
}

function withRewrites(rule: Rule, rewrites: { pointer: (string | number)[]; value: unknown }[]): Rule {
  if (rewrites.length === 0) return rule;
  const copy = JSON.parse(JSON.stringify(rule)) as Rule;
  for (const { pointer, value } of rewrites) {
    let holder = copy as Record<string | number, unknown>;
    for (const step of pointer.slice(0, -1)) holder = holder[step] as Record<string | number, unknown>;
    holder[pointer[pointer.length - 1]!] = value;
  }
  return copy;
}

/**
 * Checks a rule against the dataset's fields (by translating it) and compiles the in-memory
 * predicate, with timestamp literals normalised as the SQL reads them. Problems go to `problems`,
 * or are thrown as a DefinitionError when no list is given.
 */
export function compileCondition(
  dataset: CompiledDataset,
  rule: Rule,
  at: string,
  problems?: Problem[],
): CompiledCondition | undefined {
  const found: Problem[] = problems ?? [];
  const context = translationContext(dataset, new SqlParameters(), {}, at, '1970-01-01T00:00:00.000Z');
  try {
    // The rules engine checks depth, size and hostile keys first, so translation only sees sane rules.
    compile(rule);
    translateCondition(rule, context);
    return { rule, base: at, test: compile(withRewrites(rule, context.literalRewrites)) };
  } catch (error) {
    if (error instanceof TranslationError) found.push(error.problem);
    else if (error instanceof RuleError)
      found.push(
        problem(
          `rule.${error.code}`,
          `${at}${error.path ? `.${error.path}` : ''}`,
          error.messages['zh-CN'],
          error.messages.en,
        ),
      );
    else throw error;
    if (!problems) throw new DefinitionError(found);
    return undefined;
  }
}

/** Checks a dataset against its source's fields and compiles it; throws a DefinitionError listing every problem. */
export function compileDataset(definition: DatasetDefinition, options: DatasetCompileOptions = {}): CompiledDataset {
  const base = options.base ?? 'dataset';
  const problems: Problem[] = [];
  const tables = resolveTables(options.tables);
  const shape = sourceShape(definition.source);
  const schema = options.schema ?? {};
  const schemas: Record<string, VariableSchema | 'untyped'> = {};
  if (definition.source.type === 'auditEvents') {
    // Audit snapshots have no fixed shape: any path under `before` / `after` reads as an untyped value.
    schemas.before = 'untyped';
    schemas.after = 'untyped';
  } else if (definition.source.type === 'subformRows') {
    schemas.$parent = schema;
    const rows = subformSchema(schema, definition.source.path);
    if (!rows) {
      problems.push(
        problem(
          'dataset.notASubform',
          `${base}.source.path`,
          `"${definition.source.path}" 不是子表单字段`,
          `"${definition.source.path}" is not a subform field of the form`,
        ),
      );
    }
    schemas[''] = rows ?? {};
  } else {
    schemas[''] = schema;
  }
  const timeZone = definition.timeZone ?? defaultTimeZone;
  if (!isTimeZone(timeZone))
    problems.push(
      problem('dataset.timeZone', `${base}.timeZone`, `未知时区 "${timeZone}"`, `unknown time zone "${timeZone}"`),
    );
  const resolver = new FieldResolver(shape, tables[shape.table], schemas, options.fieldAccess);

  const resolveField = (path: string, at: string): ResolvedField | undefined => {
    const field = resolver.resolve(path);
    if (!field)
      problems.push(
        problem(
          'dataset.unknownField',
          at,
          `字段 "${path}" 不存在于数据源中`,
          `the field "${path}" does not exist in the source`,
        ),
      );
    return field;
  };

  const keys = new Set<string>();
  const claimKey = (key: string, at: string): void => {
    if (!keyPattern.test(key))
      problems.push(
        problem(
          'dataset.invalidKey',
          at,
          `键 "${key}" 只能包含字母、数字和下划线`,
          `the key "${key}" may hold only letters, digits and underscores`,
        ),
      );
    if (keys.has(key))
      problems.push(problem('dataset.duplicateKey', at, `键 "${key}" 重复`, `the key "${key}" is used twice`));
    keys.add(key);
  };

  for (const [name, parameter] of Object.entries(definition.parameters ?? {})) {
    if (!['string', 'number', 'boolean', 'date', 'datetime', 'stringList'].includes(parameter.type)) {
      problems.push(
        problem(
          'dataset.parameterType',
          `${base}.parameters.${name}.type`,
          `参数类型 "${parameter.type}" 无效`,
          `the parameter type "${parameter.type}" is not valid`,
        ),
      );
    }
  }

  const compiled: CompiledDataset = {
    definition,
    shape,
    table: tables[shape.table],
    timeZone: isTimeZone(timeZone) ? timeZone : defaultTimeZone,
    resolver,
    dimensions: [],
    measures: [],
    measureConditions: [],
    columns: [],
    segments: [],
    options,
  };

  const condition = (rule: Rule, at: string) => compileCondition(compiled, rule, at, problems);

  if (definition.filter !== undefined && definition.filter !== null)
    compiled.filter = condition(definition.filter, `${base}.filter`);

  const dimension = (dimensionDefinition: DimensionDefinition, at: string): CompiledDimension | undefined => {
    const field = resolveField(dimensionDefinition.field, `${at}.field`);
    if (!field) return undefined;
    if (dimensionDefinition.bucket) {
      const datelike = field.sqlType === 'timestamptz' || field.type === 'date' || field.type === 'datetime';
      if (!datelike)
        problems.push(
          problem(
            'dataset.bucketNeedsDate',
            `${at}.bucket`,
            `按日期分组需要日期或时间字段，"${field.path}" 是 ${field.type}`,
            `a date bucket needs a date or time field; "${field.path}" is ${field.type}`,
          ),
        );
    } else if (dimensionDefinition.ranges) {
      if (field.sqlType !== 'numeric')
        problems.push(
          problem(
            'dataset.rangesNeedNumber',
            `${at}.ranges`,
            `数值区间需要数字字段，"${field.path}" 是 ${field.type}`,
            `ranges need a number field; "${field.path}" is ${field.type}`,
          ),
        );
      const rangeKeys = new Set<string>();
      dimensionDefinition.ranges.forEach((range, index) => {
        if (rangeKeys.has(range.key))
          problems.push(
            problem(
              'dataset.duplicateRange',
              `${at}.ranges[${index}].key`,
              `区间键 "${range.key}" 重复`,
              `the range key "${range.key}" is used twice`,
            ),
          );
        rangeKeys.add(range.key);
        if (range.from !== undefined && range.to !== undefined && range.from >= range.to) {
          problems.push(
            problem(
              'dataset.emptyRange',
              `${at}.ranges[${index}]`,
              '区间下限必须小于上限',
              'a range must start below its end',
            ),
          );
        }
      });
    } else if (field.sqlType === 'timestamptz' || field.sqlType === 'jsonb') {
      problems.push(
        problem(
          'dataset.dimensionType',
          `${at}.field`,
          `字段 "${field.path}" 需要按日期分组或不能作为维度`,
          `the field "${field.path}" needs a date bucket or cannot be a dimension`,
        ),
      );
    }
    return compileDimension(dimensionDefinition, field);
  };

  (definition.dimensions ?? []).forEach((dimensionDefinition, index) => {
    const at = `${base}.dimensions[${index}]`;
    claimKey(dimensionDefinition.key, `${at}.key`);
    const result = dimension(dimensionDefinition, at);
    if (result) compiled.dimensions.push(result);
  });

  const measureKeys = new Set((definition.measures ?? []).map((measure) => measure.key));
  (definition.measures ?? []).forEach((measure, index) => {
    const at = `${base}.measures[${index}]`;
    claimKey(measure.key, `${at}.key`);
    if (measure.aggregate === 'ratio') {
      for (const side of ['numerator', 'denominator'] as const) {
        const target = (definition.measures ?? []).find((other) => other.key === measure[side]);
        if (!target || !measureKeys.has(measure[side])) {
          problems.push(
            problem(
              'dataset.unknownMeasure',
              `${at}.${side}`,
              `比率引用的度量 "${measure[side]}" 不存在`,
              `the ratio names the measure "${measure[side]}", which does not exist`,
            ),
          );
        } else if (target.aggregate === 'ratio') {
          problems.push(
            problem(
              'dataset.nestedRatio',
              `${at}.${side}`,
              '比率不能引用另一个比率',
              'a ratio cannot name another ratio',
            ),
          );
        }
      }
      compiled.measures.push({ definition: measure });
      compiled.measureConditions.push(undefined);
      return;
    }
    compiled.measureConditions.push(measure.where === undefined ? undefined : condition(measure.where, `${at}.where`));
    if (measure.aggregate === 'count') {
      compiled.measures.push(compileMeasure(measure, {}));
      return;
    }
    if (measure.aggregate === 'duration') {
      const from = resolveField(measure.from, `${at}.from`);
      const to = resolveField(measure.to, `${at}.to`);
      for (const [side, field] of [
        ['from', from],
        ['to', to],
      ] as const) {
        if (field && !(field.sqlType === 'timestamptz' || field.type === 'datetime' || field.type === 'date')) {
          problems.push(
            problem(
              'dataset.durationNeedsTime',
              `${at}.${side}`,
              `时长需要日期或时间字段，"${field.path}" 是 ${field.type}`,
              `a duration needs date or time fields; "${field.path}" is ${field.type}`,
            ),
          );
        }
      }
      if (measure.unit === 'hours' && (from?.type === 'date' || to?.type === 'date')) {
        problems.push(
          problem(
            'dataset.hoursNeedTime',
            `${at}.unit`,
            '按小时计算时长需要日期时间字段',
            'a duration in hours needs date-time fields',
          ),
        );
      }
      if (
        measure.statistic === 'percentile' &&
        !(typeof measure.percentile === 'number' && measure.percentile >= 0 && measure.percentile <= 1)
      ) {
        problems.push(
          problem(
            'dataset.percentile',
            `${at}.percentile`,
            '百分位必须在 0 到 1 之间',
            'the percentile must be between 0 and 1',
          ),
        );
      }
      (measure.holidays ?? []).forEach((day, dayIndex) => {
        if (!/^\d{4}-\d{2}-\d{2}$/.test(day))
          problems.push(
            problem(
              'dataset.holiday',
              `${at}.holidays[${dayIndex}]`,
              `"${day}" 不是 YYYY-MM-DD 日期`,
              `"${day}" is not a YYYY-MM-DD date`,
            ),
          );
      });
      if (from && to) compiled.measures.push(compileMeasure(measure, { from, to }));
      return;
    }
    const field = resolveField(measure.field, `${at}.field`);
    if (!field) return;
    const numericOnly =
      measure.aggregate === 'sum' || measure.aggregate === 'avg' || measure.aggregate === 'percentile';
    if (
      (numericOnly && field.sqlType !== 'numeric') ||
      field.sqlType === 'jsonb' ||
      (measure.aggregate !== 'countDistinct' && field.sqlType === 'boolean')
    ) {
      problems.push(
        problem(
          'dataset.measureType',
          `${at}.field`,
          `${measure.aggregate} 不能用于 ${field.type} 字段 "${field.path}"`,
          `${measure.aggregate} cannot aggregate the ${field.type} field "${field.path}"`,
        ),
      );
    }
    if (measure.aggregate === 'percentile' && !(measure.percentile >= 0 && measure.percentile <= 1)) {
      problems.push(
        problem(
          'dataset.percentile',
          `${at}.percentile`,
          '百分位必须在 0 到 1 之间',
          'the percentile must be between 0 and 1',
        ),
      );
    }
    compiled.measures.push(compileMeasure(measure, { field }));
  });

  (definition.columns ?? []).forEach((column, index) => {
    const at = `${base}.columns[${index}]`;
    claimKey(column.key, `${at}.key`);
    const field = resolveField(column.field, `${at}.field`);
    if (field)
      compiled.columns.push({
        definition: column,
        field,
        dimension: compileDimension({ key: column.key, field: column.field }, field),
      });
  });
  if (compiled.columns.length > 0 && (definition.dimensions?.length || definition.measures?.length)) {
    problems.push(
      problem(
        'dataset.listingWithMeasures',
        `${base}.columns`,
        '列表列不能与维度或度量同时使用',
        'listing columns cannot be combined with dimensions or measures',
      ),
    );
  }
  if (compiled.columns.length === 0 && !definition.dimensions?.length && !definition.measures?.length) {
    problems.push(
      problem(
        'dataset.empty',
        base,
        '数据集需要度量、维度或列表列',
        'a dataset needs measures, dimensions or listing columns',
      ),
    );
  }

  (definition.segment ?? []).forEach((segment, index) => {
    const result = dimension(segment.dimension, `${base}.segment[${index}].dimension`);
    if (result) compiled.segments.push({ dimension: result, value: segment.value });
  });

  (definition.sort ?? []).forEach((sort, index) => {
    if (!keys.has(sort.by))
      problems.push(
        problem(
          'dataset.unknownSortKey',
          `${base}.sort[${index}].by`,
          `排序键 "${sort.by}" 不是维度、度量或列`,
          `the sort key "${sort.by}" is not a dimension, measure or column`,
        ),
      );
  });
  if (definition.limit !== undefined && !(Number.isInteger(definition.limit) && definition.limit > 0)) {
    problems.push(
      problem('dataset.limit', `${base}.limit`, '行数上限必须是正整数', 'the limit must be a positive integer'),
    );
  }
  if (problems.length > 0) throw new DefinitionError(problems);
  compiled.systemFieldsRead = systemFieldsRead(compiled);
  return compiled;
}

/** The dataset compiled again with the same schema and tables, its document fields read as `fieldAccess` says. */
export function withFieldAccess(
  dataset: CompiledDataset,
  fieldAccess: (path: string) => FieldAccess,
): CompiledDataset {
  return compileDataset(dataset.definition, { ...dataset.options, fieldAccess });
}

/**
 * Every path the dataset reads — in its filter, measure conditions, dimensions, segments, listing
 * columns and measures — or `undefined` when a rule computes a path at run time.
 */
export function pathsRead(dataset: CompiledDataset): Set<string> | undefined {
  const paths = new Set<string>();
  const rules = [dataset.definition.filter, ...(dataset.definition.measures ?? []).map((measure) => measure.where)];
  for (const rule of rules) {
    if (rule === undefined) continue;
    const variables = ruleVariables(rule);
    if (!variables) return undefined;
    variables.forEach((path) => paths.add(path));
  }
  const fields = [
    ...dataset.dimensions.map((dimension) => dimension.field),
    ...dataset.columns.map((column) => column.field),
    ...dataset.segments.map((segment) => segment.dimension.field),
  ];
  for (const field of fields) paths.add(field.path);
  for (const measure of dataset.definition.measures ?? []) {
    if ('field' in measure) paths.add(measure.field);
    if (measure.aggregate === 'duration') paths.add(measure.from).add(measure.to);
  }
  return paths;
}

function systemFieldsRead(dataset: CompiledDataset): Set<string> | undefined {
  const paths = pathsRead(dataset);
  if (!paths) return undefined;
  return new Set([...paths].map((path) => path.split('.')[0]!).filter((name) => name in dataset.shape.systemFields));
}
