import type { Evaluator } from '../operations/operation';
import { compareLiteral, type Literal } from './literal-comparison';

/**
 * DMN-like unary tests, the text of a condition cell, tested against the input's value:
 *   -                     anything (also an empty cell)
 *   >= 500000   < 18      comparison with a literal (also <=, >, =, !=)
 *   [18..60]  (0..1000]   ranges; ( or ] on the left and ) or [ on the right exclude the bound
 *   "VIP", "PB"           any of several tests, comma-separated
 *   VIP                   a bare word is a string
 *   not("closed", "frozen")
 *   true  false  null  date("2026-01-01")
 */
export type UnaryTest =
  | { kind: 'any' }
  | { kind: 'compare'; operator: '<' | '<=' | '>' | '>=' | '=' | '!='; literal: Literal }
  | { kind: 'range'; low: Literal; lowInclusive: boolean; high: Literal; highInclusive: boolean }
  | { kind: 'not'; tests: UnaryTest[] }
  | { kind: 'rule'; evaluator: Evaluator };

export class UnaryTestSyntaxError extends Error {
  constructor(
    readonly text: string,
    readonly position: number,
    readonly expected: { 'zh-CN': string; en: string },
  ) {
    super(`${expected.en} at character ${position + 1} of "${text}"`);
  }
}

type Token =
  | { type: 'number'; value: number; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'word'; value: string; at: number }
  | { type: 'symbol'; value: string; at: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const fail = (zh: string, en: string): never => {
    throw new UnaryTestSyntaxError(text, at, { 'zh-CN': zh, en });
  };
  while (at < text.length) {
    const char = text[at]!;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    const number = /^-?\d+(\.\d+)?/.exec(text.slice(at));
    if (number) {
      tokens.push({ type: 'number', value: Number(number[0]), at });
      at += number[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      let end = at + 1;
      let value = '';
      while (end < text.length && text[end] !== char) {
        if (text[end] === '\\' && end + 1 < text.length) end++;
        value += text[end];
        end++;
      }
      if (end >= text.length) fail('缺少结束引号', 'missing closing quote');
      tokens.push({ type: 'string', value, at });
      at = end + 1;
      continue;
    }
    const symbol = /^(\.\.|<=|>=|!=|[<>=,()[\]])/.exec(text.slice(at));
    if (symbol) {
      tokens.push({ type: 'symbol', value: symbol[0], at });
      at += symbol[0].length;
      continue;
    }
    const word = /^[\p{L}_][\p{L}\p{N}_-]*/u.exec(text.slice(at));
    if (word) {
      tokens.push({ type: 'word', value: word[0], at });
      at += word[0].length;
      continue;
    }
    fail(`无法识别的字符 "${char}"`, `unexpected character "${char}"`);
  }
  return tokens;
}

export function parseUnaryTests(text: string): UnaryTest[] {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed === '-') return [{ kind: 'any' }];
  const tokens = tokenize(text);
  let index = 0;
  const peek = () => tokens[index];
  const fail = (zh: string, en: string): never => {
    throw new UnaryTestSyntaxError(text, peek()?.at ?? text.length, { 'zh-CN': zh, en });
  };
  const expectSymbol = (value: string) => {
    const token = peek();
    if (token?.type !== 'symbol' || token.value !== value) fail(`应为 "${value}"`, `expected "${value}"`);
    index++;
  };

  const literal = (): Literal => {
    const token = peek();
    if (!token) return fail('缺少值', 'expected a value');
    index++;
    if (token.type === 'number' || token.type === 'string') return token.value;
    if (token.type === 'word') {
      if (token.value === 'true') return true;
      if (token.value === 'false') return false;
      if (token.value === 'null') return null;
      if (token.value === 'date' && peek()?.type === 'symbol' && peek()!.value === '(') {
        index++;
        const value = peek();
        if (value?.type !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value.value)) fail('date() 需要 ISO 日期文本', 'date() needs an ISO date in quotes');
        index++;
        expectSymbol(')');
        return (value as { value: string }).value;
      }
      return token.value;
    }
    index--;
    return fail('应为值', 'expected a value');
  };

  const test = (): UnaryTest => {
    const token = peek();
    if (!token) return fail('缺少条件', 'expected a test');
    if (token.type === 'word' && token.value === 'not' && tokens[index + 1]?.value === '(') {
      index += 2;
      const tests = list();
      expectSymbol(')');
      return { kind: 'not', tests };
    }
    if (token.type === 'symbol' && ['<', '<=', '>', '>=', '=', '!='].includes(token.value)) {
      index++;
      return { kind: 'compare', operator: token.value as '<', literal: literal() };
    }
    if (token.type === 'symbol' && ['[', '(', ']'].includes(token.value)) {
      index++;
      const low = literal();
      expectSymbol('..');
      const high = literal();
      const close = peek();
      if (close?.type !== 'symbol' || ![']', ')', '['].includes(close.value)) fail('区间缺少 "]" 或 ")"', 'expected "]" or ")" to close the range');
      index++;
      return { kind: 'range', low, lowInclusive: token.value === '[', high, highInclusive: close!.value === ']' };
    }
    return { kind: 'compare', operator: '=', literal: literal() };
  };

  const list = (): UnaryTest[] => {
    const tests = [test()];
    while (peek()?.type === 'symbol' && peek()!.value === ',') {
      index++;
      tests.push(test());
    }
    return tests;
  };

  const tests = list();
  if (index < tokens.length) fail('多余的内容', 'unexpected text');
  return tests;
}

/** Whether a value passes any of the tests (a cell's tests are alternatives). */
export function passes(tests: readonly UnaryTest[], value: unknown, data: unknown, runtime: Parameters<Evaluator>[1]): boolean {
  for (const test of tests) if (passesOne(test, value, data, runtime)) return true;
  return false;
}

function passesOne(test: UnaryTest, value: unknown, data: unknown, runtime: Parameters<Evaluator>[1]): boolean {
  switch (test.kind) {
    case 'any':
      return true;
    case 'rule': {
      const result = test.evaluator(data, runtime);
      return Array.isArray(result) ? result.length > 0 : !!result;
    }
    case 'not':
      return !passes(test.tests, value, data, runtime);
    case 'compare': {
      if (test.operator === '=' || test.operator === '!=') {
        const equal = test.literal === null ? value === null || value === undefined : compareLiteral(value, test.literal) === 0;
        return test.operator === '=' ? equal : !equal;
      }
      const order = compareLiteral(value, test.literal);
      if (order === undefined) return false;
      return test.operator === '<' ? order < 0 : test.operator === '<=' ? order <= 0 : test.operator === '>' ? order > 0 : order >= 0;
    }
    case 'range': {
      const low = compareLiteral(value, test.low);
      const high = compareLiteral(value, test.high);
      if (low === undefined || high === undefined) return false;
      return (test.lowInclusive ? low >= 0 : low > 0) && (test.highInclusive ? high <= 0 : high < 0);
    }
  }
}
