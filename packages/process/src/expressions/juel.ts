/**
 * Translates the safe subset of JUEL / Camunda expressions to JSON-logic at compile time. The text is
 * parsed into rules and never executed; anything outside the subset is reported, not guessed.
 */
export type JsonLogic = unknown;

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(`${message} in "${expression}"`);
  }
}

type Token =
  | { type: 'number'; value: number }
  | { type: 'string'; value: string }
  | { type: 'identifier'; value: string }
  | { type: 'operator'; value: string };

const wordOperators: Record<string, string> = {
  and: '&&',
  or: '||',
  not: '!',
  eq: '==',
  ne: '!=',
  lt: '<',
  gt: '>',
  le: '<=',
  ge: '>=',
  div: '/',
  mod: '%',
  empty: 'empty',
};
const symbolOperators = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '(', ')', '[', ']', '.', ',', '?', ':'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text[index]!;
    if (/\s/.test(char)) {
      index += 1;
      continue;
    }
    if (/[0-9]/.test(char) || (char === '.' && /[0-9]/.test(text[index + 1] ?? ''))) {
      const match = /^[0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?/.exec(text.slice(index))!;
      tokens.push({ type: 'number', value: Number(match[0]) });
      index += match[0].length;
      continue;
    }
    if (char === '"' || char === "'") {
      let value = '';
      let cursor = index + 1;
      while (cursor < text.length && text[cursor] !== char) {
        if (text[cursor] === '\\' && cursor + 1 < text.length) cursor += 1;
        value += text[cursor];
        cursor += 1;
      }
      if (cursor >= text.length) throw new ExpressionSyntaxError('unterminated string', text);
      tokens.push({ type: 'string', value });
      index = cursor + 1;
      continue;
    }
    if (/[A-Za-z_$]/.test(char)) {
      const match = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(index))!;
      const word = match[0];
      if (word in wordOperators) tokens.push({ type: 'operator', value: wordOperators[word]! });
      else tokens.push({ type: 'identifier', value: word });
      index += word.length;
      continue;
    }
    const symbol = symbolOperators.find((candidate) => text.startsWith(candidate, index));
    if (!symbol) throw new ExpressionSyntaxError(`unexpected character "${char}"`, text);
    tokens.push({ type: 'operator', value: symbol });
    index += symbol.length;
  }
  return tokens;
}

const binaryPrecedence: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '>': 4,
  '<=': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};
const jsonLogicOperator: Record<string, string> = { '||': 'or', '&&': 'and' };

/** A parsed operand: either a variable path still being built, or finished JSON-logic. */
type Operand = { path: string[] } | { rule: JsonLogic };

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly text: string,
  ) {}

  parse(): JsonLogic {
    const rule = this.expression(0);
    if (this.position < this.tokens.length) this.fail(`unexpected "${String(this.tokens[this.position]!.value)}"`);
    return rule;
  }

  private fail(message: string): never {
    throw new ExpressionSyntaxError(message, this.text);
  }

  private peekOperator(value: string): boolean {
    const token = this.tokens[this.position];
    return token?.type === 'operator' && token.value === value;
  }

  private expect(value: string): void {
    if (!this.peekOperator(value)) this.fail(`expected "${value}"`);
    this.position += 1;
  }

  private expression(minimum: number): JsonLogic {
    let left = this.unary();
    for (;;) {
      const token = this.tokens[this.position];
      if (token?.type !== 'operator') break;
      if (token.value === '?' && minimum === 0) {
        this.position += 1;
        const whenTrue = this.expression(0);
        this.expect(':');
        const whenFalse = this.expression(0);
        left = { if: [left, whenTrue, whenFalse] };
        continue;
      }
      const precedence = binaryPrecedence[token.value];
      if (precedence === undefined || precedence <= minimum) break;
      this.position += 1;
      const right = this.expression(precedence);
      const operator = jsonLogicOperator[token.value] ?? token.value;
      left = { [operator]: [left, right] };
    }
    return left;
  }

  private unary(): JsonLogic {
    if (this.peekOperator('!')) {
      this.position += 1;
      return { '!': [this.unary()] };
    }
    if (this.peekOperator('empty')) {
      this.position += 1;
      return { '!': [this.unary()] };
    }
    if (this.peekOperator('-')) {
      this.position += 1;
      const operand = this.unary();
      return typeof operand === 'number' ? -operand : { '-': [operand] };
    }
    return this.postfix();
  }

  private postfix(): JsonLogic {
    const operand = this.primary();
    if (!('path' in operand)) return operand.rule;
    const path = operand.path;
    for (;;) {
      if (this.peekOperator('.')) {
        this.position += 1;
        const name = this.tokens[this.position];
        if (name?.type !== 'identifier') this.fail('expected a property name after "."');
        this.position += 1;
        if (this.peekOperator('(')) return this.call(path, name.value);
        path.push(name.value);
        continue;
      }
      if (this.peekOperator('[')) {
        this.position += 1;
        const key = this.tokens[this.position];
        if (key?.type !== 'string' && key?.type !== 'number') this.fail('only literal indexes are supported');
        this.position += 1;
        this.expect(']');
        path.push(String(key.value));
        continue;
      }
      if (this.peekOperator('(')) this.fail(`function "${path.join('.')}" is not supported`);
      break;
    }
    return { var: path.join('.') };
  }

  /** The one method call the subset knows: `execution.getVariable("name")`. */
  private call(path: string[], method: string): JsonLogic {
    if (path.length === 1 && path[0] === 'execution' && method === 'getVariable') {
      this.expect('(');
      const name = this.tokens[this.position];
      if (name?.type !== 'string') this.fail('getVariable expects a string literal');
      this.position += 1;
      this.expect(')');
      return { var: name.value };
    }
    return this.fail(`method call "${[...path, method].join('.')}()" is not supported`);
  }

  private primary(): Operand {
    const token = this.tokens[this.position];
    if (!token) return this.fail('unexpected end of expression');
    this.position += 1;
    if (token.type === 'number' || token.type === 'string') return { rule: token.value };
    if (token.type === 'identifier') {
      if (token.value === 'true') return { rule: true };
      if (token.value === 'false') return { rule: false };
      if (token.value === 'null') return { rule: null };
      return { path: [token.value] };
    }
    if (token.value === '(') {
      const inner = this.expression(0);
      this.expect(')');
      return { rule: inner };
    }
    return this.fail(`unexpected "${token.value}"`);
  }
}

/** Translates one expression body (the text between `${` and `}`). */
export function translateJuelExpression(body: string): JsonLogic {
  if (!body.trim()) throw new ExpressionSyntaxError('empty expression', body);
  return new Parser(tokenize(body), body).parse();
}

/** Whether a text holds at least one `${…}` or `#{…}`. */
export function isJuelTemplate(text: string): boolean {
  return /[$#]\{/.test(text);
}

/**
 * Translates text that may mix literal parts and `${…}`: one whole expression keeps its type,
 * a mixture becomes a string concatenation (`kermit_${loopCounter}`).
 */
export function translateJuel(text: string): JsonLogic {
  const parts: JsonLogic[] = [];
  let index = 0;
  while (index < text.length) {
    const open = text.slice(index).search(/[$#]\{/);
    if (open < 0) {
      parts.push(text.slice(index));
      break;
    }
    if (open > 0) parts.push(text.slice(index, index + open));
    const bodyStart = index + open + 2;
    const close = findClosingBrace(text, bodyStart);
    if (close < 0) throw new ExpressionSyntaxError('missing "}"', text);
    parts.push(translateJuelExpression(text.slice(bodyStart, close)));
    index = close + 1;
  }
  if (parts.length === 1) return parts[0];
  return { cat: parts };
}

function findClosingBrace(text: string, from: number): number {
  let quote: string | undefined;
  for (let index = from; index < text.length; index += 1) {
    const char = text[index];
    if (quote) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '}') return index;
  }
  return -1;
}
