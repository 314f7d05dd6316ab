import { quoteIdentifier, quoteLiteral, SqlParameters } from './sql-text';

describe('SQL text', () => {
  it('doubles quotes inside identifiers and literals', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
  });

  it('refuses a NUL character, which Postgres cannot carry in text', () => {
    expect(() => quoteLiteral('a\u0000b')).toThrow('invalid SQL literal');
  });

  it('numbers parameters in order and shares a named one', () => {
    const parameters = new SqlParameters();
    expect(parameters.add('x')).toBe('$1');
    expect(parameters.shared('now', '2026-01-01', 'timestamptz')).toBe('$2::timestamptz');
    expect(parameters.shared('now', 'ignored', 'timestamptz')).toBe('$2::timestamptz');
    expect(parameters.values).toEqual(['x', '2026-01-01']);
  });
});
