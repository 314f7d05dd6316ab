import type { ResolvedField, SqlType } from '../source/fields';

/** A translated piece of a rule: SQL text, its type, and where it came from (json-logic treats each differently). */
export interface SqlExpression {
  sql: string;
  type: SqlType | 'null' | 'textList' | 'numericList';
  /** Whether the SQL may be NULL. */
  nullable: boolean;
  origin: 'field' | 'literal' | 'parameter' | 'expression';
  field?: ResolvedField;
  /** A date without time (`YYYY-MM-DD`), from a literal or a date parameter. */
  dateOnly?: boolean;
  /** Where a string literal sits in the rule, so the in-memory rule can carry its normalised form. */
  pointer?: (string | number)[];
  literal?: unknown;
  /** A NULL here stands for NaN (parseFloat of nothing), which relational operators do not read as 0. */
  nullMeansNaN?: boolean;
  /** The same date-only value as a `date`-typed parameter, so Postgres folds it once instead of parsing per row. */
  asDate?: () => string;
  /** Likewise as a `timestamptz`-typed parameter. */
  asInstant?: () => string;
  /** For date operations: whether the value is a calendar date or an instant. */
  temporal?: 'date' | 'datetime';
}

/** json-logic truthiness of a value, as a SQL boolean that is never NULL. */
export function truthOf(expression: SqlExpression): string {
  const { sql } = expression;
  switch (expression.type) {
    case 'null':
      return 'FALSE';
    case 'boolean':
      return expression.nullable ? `COALESCE(${sql}, FALSE)` : sql;
    case 'numeric':
      return `COALESCE(${sql} <> 0, FALSE)`;
    case 'text':
      return `COALESCE(${sql} <> '', FALSE)`;
    case 'timestamptz':
      return `(${sql} IS NOT NULL)`;
    case 'textList':
    case 'numericList':
      return `COALESCE(cardinality(${sql}) > 0, FALSE)`;
    case 'jsonb':
      return `COALESCE(CASE jsonb_typeof(${sql}) WHEN 'array' THEN jsonb_array_length(${sql}) > 0 WHEN 'object' THEN TRUE WHEN 'string' THEN ${sql} <> '""'::jsonb WHEN 'number' THEN ${sql} <> '0'::jsonb WHEN 'boolean' THEN ${sql} = 'true'::jsonb ELSE FALSE END, FALSE)`;
  }
}

export function booleanExpression(sql: string): SqlExpression {
  return { sql, type: 'boolean', nullable: false, origin: 'expression' };
}

/** An expression whose SQL (and so its `$n` parameter) is only made if the SQL is used. */
export function lazySql(expression: Omit<SqlExpression, 'sql'>, makeSql: () => string): SqlExpression {
  let sql: string | undefined;
  return Object.defineProperty({ ...expression } as SqlExpression, 'sql', {
    enumerable: true,
    get: () => (sql ??= makeSql()),
  });
}
