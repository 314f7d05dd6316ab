import { HttpStatus } from '@nestjs/common';
import { type Audience, type CompiledForm, type FieldMask, resolvePermission } from '@tessera/forms';
import {
  type CompiledDataset,
  compileCondition,
  compileDataset,
  conditionSql,
  DefinitionError,
  quoteLiteral,
  ruleVariables,
  SqlParameters,
} from '@tessera/reports';
import type { Rule, VariableSchema } from '@tessera/rules';
import { ApiError, type ApiErrorDetail } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { fieldExpression, schemaTypeOf, type ValueKind, valueKindOf } from '../forms/record-indexes';

export interface SortKey {
  field: string;
  descending: boolean;
}

/** The rows of the list query are read as `t`, as `@tessera/reports` translates rules. */
const DATA = 't."data"';
const SYSTEM_SORT_COLUMNS: Record<string, string> = { createdAt: 't.created_at', updatedAt: 't.updated_at' };

/**
 * What a caller may filter, search and sort a form's records by: the top-level fields it reads in
 * clear (not hidden, not masked) in every version of the form, so no query can probe a hidden or
 * masked value. Subforms count only when every row field is read in clear too.
 */
export interface QueryableFields {
  /** Field key → its kind in SQL (undefined for values without a single order, e.g. arrays). */
  fields: Map<string, ValueKind | undefined>;
  /** The schema of those fields (the filter is checked against it). */
  schema: VariableSchema;
  /** Fields the caller sees at all (for telling "hidden" from "unknown" in errors). */
  visible: Set<string>;
}

function maskOf(mask: unknown): FieldMask | undefined {
  if (mask === undefined) return undefined;
  return typeof mask === 'string' ? ({ preset: mask } as FieldMask) : (mask as FieldMask);
}

function readsInClear(
  permission: string,
  mask: unknown,
  roles: readonly string[],
  form: CompiledForm,
  key: string,
): boolean {
  if (permission === 'hidden') return false;
  const fieldMask = maskOf(mask);
  if (fieldMask && permission === 'read' && !roles.some((role) => fieldMask.unmaskedRoles?.includes(role)))
    return false;
  return form.fields.some((info) => info.path === key);
}

export function queryableFields(versions: CompiledForm[], audience: Audience): QueryableFields {
  const latest = versions[versions.length - 1]!;
  const roles = audience.role === undefined ? [] : typeof audience.role === 'string' ? [audience.role] : audience.role;
  const fields = new Map<string, ValueKind | undefined>();
  const schema: VariableSchema = {};
  const visible = new Set<string>();
  for (const field of latest.definition.fields) {
    const clearIn = (form: CompiledForm): boolean => {
      const own = form.definition.fields.find((candidate) => candidate.key === field.key);
      if (!own) return true; // a version without the field holds no value of it to probe
      const permission = resolvePermission(own.permissions, form.definition.permissions, audience);
      if (!readsInClear(permission, own.mask, roles, form, own.key)) return false;
      // Row fields with permissions or masks of their own may narrow what a row shows: such a subform is not queried.
      return (own.fields ?? []).every((row) => row.permissions === undefined && row.mask === undefined);
    };
    if (resolvePermission(field.permissions, latest.definition.permissions, audience) !== 'hidden')
      visible.add(field.key);
    if (!versions.every(clearIn)) continue;
    const entry = latest.variableSchema[field.key];
    if (entry === undefined) continue;
    schema[field.key] = entry;
    fields.set(field.key, valueKindOf(schemaTypeOf(latest.variableSchema, field.key)));
  }
  return { fields, schema, visible };
}

/** Postgres text cannot hold U+0000: such a value is refused before it reaches the database. */
function containsNul(node: unknown): boolean {
  if (typeof node === 'string') return node.includes('\u0000');
  if (Array.isArray(node)) return node.some(containsNul);
  if (node !== null && typeof node === 'object')
    return Object.entries(node).some(([key, value]) => key.includes('\u0000') || containsNul(value));
  return false;
}

const badFilter = (details: ApiErrorDetail[]) =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'record.filterInvalid',
    text('筛选条件不正确', 'The filter is not valid'),
    details,
  );

export interface ParsedFilter {
  rule: Rule;
  dataset: CompiledDataset;
  /** The rule as a predicate over stored data, with the semantics of its SQL (the reference in tests). */
  test: (data: Record<string, unknown>) => boolean;
}

/** A dataset over the form's records that only knows the fields the caller may query. */
export function listDataset(form: CompiledForm, queryable: QueryableFields): CompiledDataset {
  return compileDataset(
    { key: 'records', source: { type: 'records', form: form.key }, measures: [{ key: 'n', aggregate: 'count' }] },
    { schema: queryable.schema },
  );
}

/**
 * Parses `?filter=` (a JSON-logic rule) and checks it against the fields the caller may query:
 * a field it may not see, or sees masked, is refused with its path, as is anything without a SQL form.
 */
export function parseFilter(
  raw: string | undefined,
  form: CompiledForm,
  queryable: QueryableFields,
): ParsedFilter | undefined {
  if (raw === undefined || raw === '') return undefined;
  let rule: Rule;
  try {
    rule = JSON.parse(raw) as Rule;
  } catch {
    throw badFilter([{ path: 'filter', code: 'filter.json', message: text('不是有效的 JSON', 'Not valid JSON') }]);
  }
  if (containsNul(rule))
    throw badFilter([
      {
        path: 'filter',
        code: 'filter.nulCharacter',
        message: text('不能包含空字符（U+0000）', 'Must not contain the NUL character (U+0000)'),
      },
    ]);
  const refused = [...(ruleVariables(rule) ?? [])]
    .map((path) => path.split('.')[0]!)
    .filter(
      (key) => !key.startsWith('$') && form.fields.some((info) => info.path === key) && !queryable.fields.has(key),
    );
  if (refused.length) {
    throw badFilter(
      [...new Set(refused)].map((key) => ({
        path: `filter.${key}`,
        code: 'filter.fieldNotReadable',
        message: text(
          `不能按“${key}”筛选：该字段对您隐藏或脱敏`,
          `Cannot filter by "${key}": the field is hidden or masked for you`,
        ),
      })),
    );
  }
  const dataset = listDataset(form, queryable);
  try {
    const condition = compileCondition(dataset, rule, 'filter')!;
    return {
      rule,
      dataset,
      test: (data) => {
        try {
          return Boolean(condition.test(data, {}));
        } catch {
          return false;
        }
      },
    };
  } catch (error) {
    if (error instanceof DefinitionError)
      throw badFilter(
        error.problems.map((problem) => ({
          path: problem.path ?? 'filter',
          code: problem.code,
          message: problem.message,
        })),
      );
    throw error;
  }
}

/** Parses `?sort=-createdAt,amount`; only system fields and fields the caller reads in clear may order a list. */
export function parseSort(raw: string | undefined, queryable: QueryableFields): SortKey[] {
  if (!raw) return [{ field: 'createdAt', descending: true }];
  return raw.split(',').map((part, index) => {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    if (!Object.hasOwn(SYSTEM_SORT_COLUMNS, field) && queryable.fields.get(field) === undefined) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'record.sortInvalid',
        text('排序字段不正确', 'The sort field is not valid'),
        [
          {
            path: `sort[${index}]`,
            code: queryable.visible.has(field) ? 'sort.fieldNotSortable' : 'sort.unknownField',
            message: text(`不能按“${field}”排序`, `Cannot sort by "${field}"`),
          },
        ],
      );
    }
    return { field, descending };
  });
}

type Literal = string | number;

function literalOf(node: unknown): Literal | undefined {
  return typeof node === 'string' || (typeof node === 'number' && Number.isFinite(node)) ? node : undefined;
}

function fieldOf(node: unknown): string | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const entries = Object.entries(node);
  if (entries.length !== 1 || entries[0]![0] !== 'var') return undefined;
  const argument = entries[0]![1];
  const path = Array.isArray(argument) ? (argument.length === 1 ? argument[0] : undefined) : argument;
  return typeof path === 'string' && !path.includes('.') ? path : undefined;
}

const MIRRORED: Record<string, string> = {
  '<': '>',
  '<=': '>=',
  '>': '<',
  '>=': '<=',
  'money<': 'money>',
  'money<=': 'money>=',
  'money>': 'money<',
  'money>=': 'money<=',
  'money==': 'money==',
};

function holds(operator: string, left: number, right: number): boolean {
  if (operator === '<') return left < right;
  if (operator === '<=') return left <= right;
  if (operator === '>') return left > right;
  return left >= right;
}

/**
 * Conditions implied by a filter that an expression index can answer: for each top-level `and`
 * part comparing a field with a literal, the same comparison on the field's indexed expression.
 * They only narrow the rows the exact condition (the translated rule) then checks; a part whose
 * rule would also accept a missing value (json-logic reads it as 0) gets none.
 */
export function indexConditions(rule: Rule, queryable: QueryableFields, parameters: SqlParameters): string[] {
  const parts =
    rule !== null && typeof rule === 'object' && !Array.isArray(rule) && 'and' in rule && Array.isArray(rule.and)
      ? (rule.and as unknown[])
      : [rule];
  const conditions: string[] = [];
  for (const part of parts) {
    if (part === null || typeof part !== 'object' || Array.isArray(part)) continue;
    const entries = Object.entries(part);
    if (entries.length !== 1) continue;
    const [operator, args] = entries[0]!;
    if (!Array.isArray(args) || args.length !== 2) continue;
    let field = fieldOf(args[0]);
    let literal: unknown = args[1];
    let op = operator;
    if (field === undefined && operator in MIRRORED) {
      field = fieldOf(args[1]);
      literal = args[0];
      op = MIRRORED[operator]!;
    }
    const kind = field === undefined ? undefined : queryable.fields.get(field);
    if (field === undefined || kind === undefined) continue;
    const expression = fieldExpression(DATA, field, kind);
    const cast = kind === 'numeric' ? 'numeric' : 'text';
    if (op === 'in' && Array.isArray(literal) && literal.length > 0) {
      const numeric = literal.every((item) => typeof item === 'number' && Number.isFinite(item));
      const textual = literal.every((item) => typeof item === 'string');
      if (
        (kind === 'numeric' && numeric && schemaTypeOf(queryable.schema, field) !== 'money') ||
        (kind === 'text' && textual)
      )
        conditions.push(`${expression} = ANY(${parameters.add(literal.map(String), `${cast}[]`)})`);
      continue;
    }
    if (op.startsWith('money')) {
      // Money comparisons are false when the amount is absent, so the indexed comparison is implied.
      const amount = typeof literal === 'number' && Number.isFinite(literal) ? String(literal) : literal;
      if (kind !== 'numeric' || typeof amount !== 'string' || !/^-?\d+(\.\d+)?$/.test(amount)) continue;
      conditions.push(`${expression} ${op === 'money==' ? '=' : op.slice(5)} ${parameters.add(amount, 'numeric')}`);
      continue;
    }
    const value = literalOf(literal);
    if (value === undefined || (kind === 'numeric') !== (typeof value === 'number')) continue;
    if (op === '==' || op === '===') {
      if (kind === 'numeric' && op === '===') continue;
      conditions.push(`${expression} = ${parameters.add(String(value), cast)}`);
    } else if (op in MIRRORED) {
      // A missing value reads as 0 (numbers) or compares as a number against the literal (text).
      const asNumber = typeof value === 'number' ? value : Number(value);
      if (!Number.isNaN(asNumber) && holds(op, 0, asNumber)) continue;
      conditions.push(`${expression} ${op} ${parameters.add(String(value), cast)}`);
    }
  }
  return conditions;
}

/** The fields `q` searches: the caller's clear-text fields of one value (text, numbers, dates, choices). */
export function searchCondition(
  q: string,
  queryable: QueryableFields,
  parameters: SqlParameters,
  indexed?: string,
): string {
  const searched = [...queryable.fields].filter(([, kind]) => kind !== undefined).map(([key]) => key);
  if (!searched.length) return 'FALSE';
  const pattern = parameters.add(`%${q.replace(/[\\%_]/g, (character) => `\\${character}`)}%`, 'text');
  const exact = `(${searched.map((key) => `(${DATA}->>${quoteLiteral(key)}) ILIKE ${pattern} ESCAPE '\\'`).join(' OR ')})`;
  // The trigram index answers the text of all searchable fields; the exact part keeps to the caller's.
  return indexed ? `${indexed} ILIKE ${pattern} ESCAPE '\\' AND ${exact}` : exact;
}

export function orderBy(sort: SortKey[], queryable: QueryableFields): string {
  const keys = sort.map(({ field, descending }) => {
    const expression = SYSTEM_SORT_COLUMNS[field] ?? fieldExpression(DATA, field, queryable.fields.get(field)!);
    return `${expression} ${descending ? 'DESC' : 'ASC'} NULLS LAST`;
  });
  return [...keys, 't.id ASC'].join(', ');
}

export interface ListSql {
  where: string;
  parameters: SqlParameters;
}

/** The WHERE clause of a list: the form's live rows, the caller's scope, the filter (exact and indexed) and `q`. */
export function listWhere(options: {
  formKey: string;
  scope: (parameters: SqlParameters) => string;
  filter?: ParsedFilter;
  q?: string;
  queryable: QueryableFields;
  now: Date;
  /** The expression of the form's trigram search index, when the database has one. */
  searchIndexed?: string;
}): ListSql {
  const parameters = new SqlParameters();
  // The form key is a literal so the planner matches the partial expression indexes of the form.
  const conditions = [`t.form_key = ${quoteLiteral(options.formKey)}`, 't.deleted_at IS NULL'];
  conditions.push(options.scope(parameters));
  if (options.filter) {
    conditions.push(...indexConditions(options.filter.rule, options.queryable, parameters));
    conditions.push(conditionSql(options.filter.dataset, options.filter.rule, parameters, { now: options.now }));
  }
  const needle = options.q?.trim();
  if (needle?.includes('\u0000'))
    throw new ApiError(
      HttpStatus.BAD_REQUEST,
      'record.queryInvalid',
      text('搜索内容不正确', 'The search text is not valid'),
      [
        {
          path: 'q',
          code: 'q.nulCharacter',
          message: text('不能包含空字符（U+0000）', 'Must not contain the NUL character (U+0000)'),
        },
      ],
    );
  if (needle) conditions.push(searchCondition(needle, options.queryable, parameters, options.searchIndexed));
  return { where: conditions.join(' AND '), parameters };
}
