/**
 * Translates a JSON-logic rule into a Postgres boolean expression with json-logic's semantics
 * (truthiness, loose equality, missing values read as null). Each operation is one entry of
 * `operations`; an operation without a faithful SQL form is a translation error naming it.
 */
import type { Rule } from '@tessera/rules';
import type { ParameterDefinition } from '../definition/types';
import type { FieldResolver } from '../source/fields';
import { SqlParameters } from '../sql/sql-text';
import { operations } from './operations/table';
import { booleanExpression, lazySql, type SqlExpression, truthOf } from './sql-expression';
import { fail, pathOf } from './translation-error';

export interface TranslationContext {
  resolver: FieldResolver;
  parameters: SqlParameters;
  parameterDefinitions: Record<string, ParameterDefinition>;
  /** Resolved parameter values; null for a parameter left empty. */
  parameterValues: Record<string, unknown>;
  timeZone: string;
  /** Where the rule sits in the definition, e.g. `datasets[0].filter`. */
  base: string;
  /** Literals the in-memory rule must carry normalised (timestamps compared with a timestamp column). */
  literalRewrites: { pointer: (string | number)[]; value: unknown }[];
  toLocalIso: (text: string) => string | null;
  /** The caller's current instant for `now`, as an ISO text (time never comes from the clock). */
  now?: string;
}

export type Pointer = (string | number)[];
export type Operation = (args: unknown[], context: TranslationContext, pointer: Pointer) => SqlExpression;

export const dateOnlyPattern = /^\d{4}-\d{2}-\d{2}$/;

function operationOf(node: unknown, context: TranslationContext, pointer: Pointer): [string, unknown[]] | undefined {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) {
    fail('filter.invalid', pathOf(context.base, pointer), {
      'zh-CN': '规则对象必须只有一个运算符键',
      en: 'a rule object must have exactly one operation key',
    });
  }
  const operator = keys[0]!;
  const raw = (node as Record<string, unknown>)[operator];
  return [operator, Array.isArray(raw) ? raw : [raw]];
}

function argumentPointer(pointer: Pointer, operator: string, raw: unknown, index: number): Pointer {
  return Array.isArray(raw) ? [...pointer, operator, index] : [...pointer, operator];
}

/** The rule as a SQL condition (never NULL). */
export function translateCondition(rule: Rule, context: TranslationContext, pointer: Pointer = []): string {
  const operation = operationOf(rule, context, pointer);
  if (operation) {
    const [operator, args] = operation;
    const raw = (rule as Record<string, unknown>)[operator];
    const at = (index: number) => argumentPointer(pointer, operator, raw, index);
    if (operator === 'and' || operator === 'or') {
      if (args.length === 0) return operator === 'and' ? 'TRUE' : 'FALSE';
      const parts = args.map((arg, index) => translateCondition(arg, context, at(index)));
      return `(${parts.join(operator === 'and' ? ' AND ' : ' OR ')})`;
    }
    if (operator === '!') return `(NOT ${translateCondition(args[0], context, at(0))})`;
    if (operator === '!!') return translateCondition(args[0], context, at(0));
    if (operator === 'if' || operator === '?:') {
      if (args.length === 0) return 'FALSE';
      let sql = 'CASE';
      let index = 0;
      for (; index + 1 < args.length; index += 2) {
        sql += ` WHEN ${translateCondition(args[index], context, at(index))} THEN ${translateCondition(args[index + 1], context, at(index + 1))}`;
      }
      sql += ` ELSE ${index < args.length ? translateCondition(args[index], context, at(index)) : 'FALSE'} END`;
      return `(${sql})`;
    }
  }
  return truthOf(translateValue(rule, context, pointer));
}

/** The rule as a typed SQL value. */
export function translateValue(node: unknown, context: TranslationContext, pointer: Pointer = []): SqlExpression {
  if (node === null || node === undefined) return { sql: 'NULL', type: 'null', nullable: true, origin: 'literal' };
  if (typeof node === 'string') {
    return lazySql(
      {
        type: 'text',
        nullable: false,
        origin: 'literal',
        dateOnly: dateOnlyPattern.test(node),
        asDate: () => context.parameters.add(node, 'date'),
        asInstant: () => context.parameters.add(node, 'timestamptz'),
        pointer,
        literal: node,
      },
      () => context.parameters.add(node, 'text'),
    );
  }
  if (typeof node === 'number') {
    if (!Number.isFinite(node)) {
      fail('filter.invalidNumber', pathOf(context.base, pointer), {
        'zh-CN': '数字无效',
        en: 'the number is not finite',
      });
    }
    return {
      sql: context.parameters.add(String(node), 'numeric'),
      type: 'numeric',
      nullable: false,
      origin: 'literal',
      literal: node,
    };
  }
  if (typeof node === 'boolean')
    return { sql: node ? 'TRUE' : 'FALSE', type: 'boolean', nullable: false, origin: 'literal', literal: node };
  if (Array.isArray(node)) {
    fail('filter.arrayValue', pathOf(context.base, pointer), {
      'zh-CN': '数组只能作为 in 的第二个参数',
      en: 'an array is only allowed as the second argument of "in"',
    });
  }
  const [operator, args] = operationOf(node, context, pointer)!;
  const operation = operations[operator];
  if (!operation) {
    fail('filter.unsupportedOperation', pathOf(context.base, [...pointer, operator]), {
      'zh-CN': `运算 "${operator}" 无法转换为 SQL，不能用于报表筛选`,
      en: `the operation "${operator}" has no SQL translation and cannot filter a report`,
    });
  }
  const raw = (node as Record<string, unknown>)[operator];
  return operation(args, context, [...pointer, operator, ...(Array.isArray(raw) ? [] : ['#single'])]);
}

export function at(pointer: Pointer, index: number): Pointer {
  return pointer[pointer.length - 1] === '#single' ? pointer.slice(0, -1) : [...pointer, index];
}

export function value(args: unknown[], index: number, context: TranslationContext, pointer: Pointer): SqlExpression {
  return translateValue(args[index], context, at(pointer, index));
}

export function where(context: TranslationContext, pointer: Pointer): string {
  return pathOf(context.base, pointer[pointer.length - 1] === '#single' ? pointer.slice(0, -1) : pointer);
}

export function typeMismatch(
  context: TranslationContext,
  pointer: Pointer,
  left: SqlExpression,
  right: SqlExpression,
): never {
  fail('filter.typeMismatch', where(context, pointer), {
    'zh-CN': `无法比较 ${left.type} 与 ${right.type}，请使用相同类型的值`,
    en: `cannot compare ${left.type} with ${right.type}; use a value of the same type`,
  });
}

export function nullToZero(expression: SqlExpression): SqlExpression {
  // json-logic's relational operators read a missing number as 0 (JavaScript's ToNumber(null)).
  if (expression.nullable && !expression.nullMeansNaN && expression.type === 'numeric')
    return { ...expression, sql: `COALESCE(${expression.sql}, 0)`, nullable: false };
  if (expression.type === 'null') return { ...expression, sql: '0', type: 'numeric', nullable: false };
  return expression;
}

export function definite(sql: string, nullable: boolean): SqlExpression {
  return booleanExpression(nullable ? `COALESCE(${sql}, FALSE)` : `(${sql})`);
}
