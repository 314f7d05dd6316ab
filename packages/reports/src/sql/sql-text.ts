/** Quoting for the few names that enter SQL text; every user value goes through `SqlParameters`. */

export function quoteIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\u0000')) throw new Error(`invalid SQL identifier ${JSON.stringify(name)}`);
  return `"${name.replace(/"/g, '""')}"`;
}

/** A string constant for JSONB keys already checked against the form schema (standard_conforming_strings is on). */
export function quoteLiteral(text: string): string {
  if (text.includes('\u0000')) throw new Error(`invalid SQL literal ${JSON.stringify(text)}`);
  return `'${text.replace(/'/g, "''")}'`;
}

/** Collects the values of one query as `$n` placeholders, each with the cast Postgres needs to type it. */
export class SqlParameters {
  readonly values: unknown[] = [];
  private readonly byKey = new Map<string, string>();

  add(value: unknown, cast?: string): string {
    this.values.push(value);
    const placeholder = `$${this.values.length}`;
    return cast ? `${placeholder}::${cast}` : placeholder;
  }

  /** The same placeholder for the same named value, so `now` or a parameter is sent once. */
  shared(key: string, value: unknown, cast?: string): string {
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const placeholder = this.add(value, cast);
    this.byKey.set(key, placeholder);
    return placeholder;
  }
}
