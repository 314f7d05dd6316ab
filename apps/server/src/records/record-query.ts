import { HttpStatus } from '@nestjs/common';
import { check, compile, RuleError, truthy, type CompiledRule, type Rule, type VariableSchema } from '@tessera/rules';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';

export interface ListedRecord {
  id: string;
  data: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

export interface SortKey {
  field: string;
  descending: boolean;
}

const SYSTEM_SORT_FIELDS = new Set(['createdAt', 'updatedAt']);
const collator = new Intl.Collator('zh-CN', { numeric: true });

const badFilter = (details: ApiError['details']) =>
  new ApiError(
    HttpStatus.BAD_REQUEST,
    'record.filterInvalid',
    text('筛选条件不正确', 'The filter is not valid'),
    details,
  );

/** Parses `?filter=` (a JSON-logic rule) and checks it against the form's fields. */
export function parseFilter(raw: string | undefined, schema: VariableSchema): CompiledRule | undefined {
  if (raw === undefined || raw === '') return undefined;
  let rule: Rule;
  try {
    rule = JSON.parse(raw) as Rule;
  } catch {
    throw badFilter([{ path: 'filter', code: 'filter.json', message: text('不是有效的 JSON', 'Not valid JSON') }]);
  }
  const problems = check(rule, schema).filter((problem) => problem.severity !== 'warning');
  if (problems.length) {
    throw badFilter(
      problems.map((problem) => ({
        path: `filter${problem.path ? `.${problem.path}` : ''}`,
        code: problem.code,
        message: problem.message,
      })),
    );
  }
  try {
    return compile(rule);
  } catch (error) {
    if (error instanceof RuleError)
      throw badFilter([
        { path: `filter${error.path ? `.${error.path}` : ''}`, code: error.code, message: error.messages },
      ]);
    throw error;
  }
}

/** Parses `?sort=-createdAt,amount`; only system fields and fields the caller sees may order a list. */
export function parseSort(raw: string | undefined, visibleFields: Set<string>): SortKey[] {
  if (!raw) return [{ field: 'createdAt', descending: true }];
  return raw.split(',').map((part, index) => {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    if (!SYSTEM_SORT_FIELDS.has(field) && !visibleFields.has(field)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'record.sortInvalid',
        text('排序字段不正确', 'The sort field is not valid'),
        [
          {
            path: `sort[${index}]`,
            code: 'sort.unknownField',
            message: text(`不能按“${field}”排序`, `Cannot sort by "${field}"`),
          },
        ],
      );
    }
    return { field, descending };
  });
}

function sortValue(record: ListedRecord, field: string): unknown {
  if (field === 'createdAt') return record.createdAt.getTime();
  if (field === 'updatedAt') return record.updatedAt.getTime();
  return record.data[field];
}

function compareValues(left: unknown, right: unknown): number {
  const leftMissing = left === undefined || left === null || left === '';
  const rightMissing = right === undefined || right === null || right === '';
  if (leftMissing || rightMissing) return leftMissing === rightMissing ? 0 : leftMissing ? 1 : -1;
  const leftNumber =
    typeof left === 'number' ? left : typeof left === 'string' && /^-?\d+(\.\d+)?$/.test(left) ? Number(left) : NaN;
  const rightNumber =
    typeof right === 'number'
      ? right
      : typeof right === 'string' && /^-?\d+(\.\d+)?$/.test(right)
        ? Number(right)
        : NaN;
  if (!Number.isNaN(leftNumber) && !Number.isNaN(rightNumber)) return leftNumber - rightNumber;
  return collator.compare(
    typeof left === 'object' ? JSON.stringify(left) : String(left),
    typeof right === 'object' ? JSON.stringify(right) : String(right),
  );
}

function matchesSearch(data: Record<string, unknown>, needle: string): boolean {
  const stack: unknown[] = [data];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string' || typeof value === 'number') {
      if (String(value).toLowerCase().includes(needle)) return true;
    } else if (Array.isArray(value)) {
      stack.push(...value);
    } else if (value && typeof value === 'object') {
      stack.push(...Object.values(value));
    }
  }
  return false;
}

/**
 * Filters, searches, sorts and pages records the caller may see. Everything runs on the caller's
 * projection, so a filter, a search or a sort can never probe a hidden field or a masked value.
 */
export function queryRecords<T extends ListedRecord>(
  records: T[],
  options: { filter?: CompiledRule; q?: string; sort: SortKey[]; page: number; pageSize: number; now: Date },
): { items: T[]; total: number } {
  const needle = options.q?.trim().toLowerCase();
  const matching = records.filter((record) => {
    if (needle && !matchesSearch(record.data, needle)) return false;
    if (!options.filter) return true;
    try {
      return truthy(options.filter(record.data, { now: options.now }));
    } catch {
      return false;
    }
  });
  matching.sort((left, right) => {
    for (const key of options.sort) {
      const order = compareValues(sortValue(left, key.field), sortValue(right, key.field));
      if (order !== 0) return key.descending ? -order : order;
    }
    return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
  });
  const start = (options.page - 1) * options.pageSize;
  return { items: matching.slice(start, start + options.pageSize), total: matching.length };
}
