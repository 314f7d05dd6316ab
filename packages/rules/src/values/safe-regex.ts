import { RuleError } from '../rule-error';

/**
 * A safe regular-expression subset for `matches`, run by a Thompson NFA: time is linear in the
 * text for every accepted pattern, so no pattern can hang a rule. Supported: literals, `.`,
 * classes `[a-z]` `[^0-9]`, escapes `\d \w \s \D \W \S \b \B` and escaped punctuation, anchors
 * `^ $`, groups `( )` `(?: )`, alternation `|`, quantifiers `* + ? {n} {n,} {n,m}` (lazy forms
 * too). Refused: backreferences, lookaround, named groups, and a quantifier on a group that
 * already repeats (`(a+)+`), which only serves to make backtracking engines explode.
 */
export interface SafePattern {
  readonly source: string;
  test(text: string): boolean;
}

type CharTest = (code: number) => boolean;

type Node =
  | { type: 'char'; test: CharTest }
  | { type: 'assert'; kind: 'start' | 'end' | 'wordBoundary' | 'notWordBoundary' }
  | { type: 'sequence'; items: Node[] }
  | { type: 'alternation'; options: Node[] }
  | { type: 'repeat'; item: Node; min: number; max: number };

const maxRepeatBound = 1000;
const maxStates = 20_000;

function regexError(code: string, source: string, zh: string, en: string): RuleError {
  return new RuleError(code, '', { 'zh-CN': `正则表达式 /${source}/ ${zh}`, en: `regular expression /${source}/ ${en}` });
}

const isDigit: CharTest = (c) => c >= 48 && c <= 57;
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace: CharTest = (c) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
const isLineTerminator: CharTest = (c) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;

class Parser {
  private position = 0;
  constructor(private readonly source: string) {}

  parse(): Node {
    const node = this.alternation(0);
    if (this.position < this.source.length) this.fail(`在第 ${this.position + 1} 个字符处有多余的 ")"`, `has an unmatched ")" at character ${this.position + 1}`);
    return node;
  }

  private fail(zh: string, en: string, code = 'regex.syntax'): never {
    throw regexError(code, this.source, zh, en);
  }

  private peek(): string | undefined {
    return this.source[this.position];
  }

  private alternation(depth: number): Node {
    const options = [this.sequence(depth)];
    while (this.peek() === '|') {
      this.position++;
      options.push(this.sequence(depth));
    }
    return options.length === 1 ? options[0]! : { type: 'alternation', options };
  }

  private sequence(depth: number): Node {
    const items: Node[] = [];
    while (this.position < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom(depth);
      items.push(this.quantified(atom));
    }
    return items.length === 1 ? items[0]! : { type: 'sequence', items };
  }

  private quantified(atom: Node): Node {
    const quantifier = this.quantifier();
    if (!quantifier) return atom;
    if (atom.type === 'assert') this.fail('不能对锚点使用量词', 'cannot repeat an anchor');
    if (repeats(atom)) {
      this.fail('对已重复的分组再次使用量词（如 (a+)+），可能导致灾难性回溯', 'repeats a group that already repeats (like (a+)+), the shape of catastrophic backtracking', 'regex.nested_quantifier');
    }
    if (this.peek() === '?') this.position++; // lazy: irrelevant when only testing for a match
    if (this.peek() === '*' || this.peek() === '+' || this.peek() === '?' || this.peek() === '{') {
      this.fail('连续使用了两个量词', 'has two quantifiers in a row');
    }
    return { type: 'repeat', item: atom, min: quantifier[0], max: quantifier[1] };
  }

  private quantifier(): [number, number] | undefined {
    const char = this.peek();
    if (char === '*') return this.position++, [0, Infinity];
    if (char === '+') return this.position++, [1, Infinity];
    if (char === '?') return this.position++, [0, 1];
    if (char !== '{') return undefined;
    const match = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.source.slice(this.position));
    if (!match) this.fail(`第 ${this.position + 1} 个字符处的 "{" 不是有效的重复次数`, `has an invalid repeat count at character ${this.position + 1}`);
    this.position += match[0].length;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3]);
    if (min > maxRepeatBound || (max !== Infinity && max > maxRepeatBound)) {
      this.fail(`的重复次数超过 ${maxRepeatBound}`, `repeats more than ${maxRepeatBound} times`, 'regex.too_complex');
    }
    if (max < min) this.fail('的重复次数范围颠倒', 'has a repeat range whose maximum is below its minimum');
    return [min, max];
  }

  private atom(depth: number): Node {
    const char = this.source[this.position++]!;
    switch (char) {
      case '.':
        return { type: 'char', test: (c) => !isLineTerminator(c) };
      case '^':
        return { type: 'assert', kind: 'start' };
      case '$':
        return { type: 'assert', kind: 'end' };
      case '[':
        return this.characterClass();
      case '\\':
        return this.escape(false) as Node;
      case '(':
        return this.group(depth);
      case '*':
      case '+':
      case '?':
      case '{':
        return this.fail(`第 ${this.position} 个字符处的量词 "${char}" 前面没有可重复的内容`, `has a quantifier "${char}" with nothing to repeat at character ${this.position}`);
      case ']':
      case '}':
        return this.literal(char.codePointAt(0)!);
      default: {
        const code = this.source.codePointAt(this.position - 1)!;
        if (code > 0xffff) this.position++;
        return this.literal(code);
      }
    }
  }

  private literal(code: number): Node {
    return { type: 'char', test: (c) => c === code };
  }

  private group(depth: number): Node {
    if (depth >= 20) this.fail('的分组嵌套过深', 'nests groups too deeply', 'regex.too_complex');
    if (this.source.startsWith('?:', this.position)) this.position += 2;
    else if (this.peek() === '?') {
      this.fail('使用了不支持的环视或命名分组', 'uses lookaround or named groups, which are not supported', 'regex.unsupported');
    }
    const inner = this.alternation(depth + 1);
    if (this.peek() !== ')') this.fail('缺少 ")"', 'is missing a ")"');
    this.position++;
    return inner;
  }

  /** An escape; inside a class (`inClass`) only character escapes make sense. */
  private escape(inClass: boolean): Node | CharTest {
    const char = this.source[this.position++];
    if (char === undefined) this.fail('以 "\\" 结尾', 'ends with "\\"');
    const tests: Record<string, CharTest> = {
      d: isDigit,
      D: (c) => !isDigit(c),
      w: isWord,
      W: (c) => !isWord(c),
      s: isSpace,
      S: (c) => !isSpace(c),
      t: (c) => c === 9,
      n: (c) => c === 10,
      r: (c) => c === 13,
      f: (c) => c === 12,
      v: (c) => c === 11,
    };
    const known = tests[char];
    if (known) return inClass ? known : { type: 'char', test: known };
    if (!inClass && (char === 'b' || char === 'B')) return { type: 'assert', kind: char === 'b' ? 'wordBoundary' : 'notWordBoundary' };
    if (char === 'u') {
      const hex = /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.position));
      if (!hex) this.fail('中的 \\u 转义无效', 'has an invalid \\u escape');
      this.position += 4;
      const code = parseInt(hex[0], 16);
      return inClass ? (c: number) => c === code : this.literal(code);
    }
    if (/[1-9k]/.test(char)) this.fail('使用了不支持的反向引用', 'uses a backreference, which is not supported', 'regex.unsupported');
    if (/[A-Za-z0-9]/.test(char)) this.fail(`使用了不支持的转义 "\\${char}"`, `uses the unsupported escape "\\${char}"`, 'regex.unsupported');
    const code = char.codePointAt(0)!;
    return inClass ? (c: number) => c === code : this.literal(code);
  }

  private characterClass(): Node {
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.position++;
    }
    const tests: CharTest[] = [];
    let first = true;
    while (this.peek() !== ']' || first) {
      first = false;
      if (this.position >= this.source.length) this.fail('缺少 "]"', 'is missing a "]"');
      const low = this.classMember();
      if (this.peek() === '-' && this.source[this.position + 1] !== ']' && this.position + 1 < this.source.length && typeof low === 'number') {
        this.position++;
        const high = this.classMember();
        if (typeof high !== 'number' || high < low) this.fail('中的字符范围无效', 'has an invalid character range');
        tests.push((c) => c >= low && c <= high);
      } else {
        tests.push(typeof low === 'number' ? (c) => c === low : low);
      }
    }
    this.position++;
    const member: CharTest = (c) => tests.some((test) => test(c));
    return { type: 'char', test: negated ? (c) => !member(c) : member };
  }

  /** One class member: a code point (usable in a range) or a class escape such as \d. */
  private classMember(): number | CharTest {
    const char = this.source[this.position]!;
    if (char !== '\\') {
      const code = this.source.codePointAt(this.position)!;
      this.position += code > 0xffff ? 2 : 1;
      return code;
    }
    const escaped = this.source[this.position + 1];
    if (escaped === undefined) this.fail('缺少 "]"', 'is missing a "]"');
    this.position += 2;
    const controls: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, b: 8 };
    if (controls[escaped] !== undefined) return controls[escaped];
    if (escaped === 'u') {
      const hex = /^[0-9a-fA-F]{4}/.exec(this.source.slice(this.position));
      if (!hex) this.fail('中的 \\u 转义无效', 'has an invalid \\u escape');
      this.position += 4;
      return parseInt(hex[0], 16);
    }
    if (/[dDwWsS]/.test(escaped)) {
      this.position -= 1;
      return this.escape(true) as CharTest;
    }
    if (/[A-Za-z0-9]/.test(escaped)) this.fail(`使用了不支持的转义 "\\${escaped}"`, `uses the unsupported escape "\\${escaped}"`, 'regex.unsupported');
    return escaped.codePointAt(0)!;
  }
}

function repeats(node: Node): boolean {
  switch (node.type) {
    case 'repeat':
      return node.max > 1;
    case 'sequence':
      return node.items.some(repeats);
    case 'alternation':
      return node.options.some(repeats);
    default:
      return false;
  }
}

/* The NFA: states in arrays; a state is a char test, an assertion, a split or the match. */
interface Automaton {
  tests: (CharTest | null)[];
  asserts: (Extract<Node, { type: 'assert' }>['kind'] | null)[];
  next: number[];
  alternative: number[];
  match: number;
}

class Builder {
  readonly automaton: Automaton = { tests: [], asserts: [], next: [], alternative: [], match: -1 };
  constructor(private readonly source: string) {}

  state(test: CharTest | null, assertion: Automaton['asserts'][number], next = -1, alternative = -1): number {
    const automaton = this.automaton;
    if (automaton.tests.length >= maxStates) {
      throw regexError('regex.too_complex', this.source, '过于复杂', 'is too complex');
    }
    automaton.tests.push(test);
    automaton.asserts.push(assertion);
    automaton.next.push(next);
    automaton.alternative.push(alternative);
    return automaton.tests.length - 1;
  }

  /** Builds `node` so that it continues to state `next`; returns its entry state. */
  build(node: Node, next: number): number {
    switch (node.type) {
      case 'char':
        return this.state(node.test, null, next);
      case 'assert':
        return this.state(null, node.kind, next);
      case 'sequence': {
        let entry = next;
        for (let index = node.items.length - 1; index >= 0; index--) entry = this.build(node.items[index]!, entry);
        return entry;
      }
      case 'alternation': {
        const entries = node.options.map((option) => this.build(option, next));
        let entry = entries[entries.length - 1]!;
        for (let index = entries.length - 2; index >= 0; index--) entry = this.state(null, null, entries[index]!, entry);
        return entry;
      }
      case 'repeat': {
        let entry = next;
        if (node.max === Infinity) {
          // A loop: the split either enters the item (which returns to the split) or moves on.
          const split = this.state(null, null, -1, next);
          this.automaton.next[split] = this.build(node.item, split);
          entry = split;
        } else {
          for (let count = node.max; count > node.min; count--) entry = this.state(null, null, this.build(node.item, entry), next);
        }
        for (let count = 0; count < node.min; count++) entry = this.build(node.item, entry);
        return entry;
      }
    }
  }
}

function isWordAt(codes: readonly number[], index: number): boolean {
  return index >= 0 && index < codes.length && isWord(codes[index]!);
}

export function compileSafePattern(source: string, maxLength: number, flags = ''): SafePattern {
  if (source.length > maxLength) {
    throw regexError('regex.too_long', source.slice(0, 40), `过长（${source.length} 个字符，上限 ${maxLength}）`, `is too long (${source.length} characters, the limit is ${maxLength})`);
  }
  if (!/^i?$/.test(flags)) throw regexError('regex.unsupported', source, `的标志 "${flags}" 不受支持（仅支持 i）`, `has unsupported flags "${flags}" (only i is supported)`);
  const ignoreCase = flags === 'i';
  const tree = new Parser(source).parse();
  const builder = new Builder(source);
  const match = builder.state(null, null);
  builder.automaton.match = match;
  const start = builder.build(tree, match);
  const automaton = builder.automaton;
  const fold = (code: number) => (code < 128 ? String.fromCharCode(code).toLowerCase().charCodeAt(0) : code);
  const upper = (code: number) => (code < 128 ? String.fromCharCode(code).toUpperCase().charCodeAt(0) : code);

  return {
    source,
    test(text: string): boolean {
      const codes = Array.from(text, (char) => char.codePointAt(0)!);
      let current: number[] = [];
      const seen = new Int32Array(automaton.tests.length).fill(-1);
      let generation = 0;

      const add = (list: number[], state: number, index: number): boolean => {
        // An explicit stack: patterns with many empty branches must not grow the call stack.
        const stack = [state];
        while (stack.length > 0) {
          const at = stack.pop()!;
          if (at < 0 || seen[at] === generation) continue;
          seen[at] = generation;
          if (at === match) return true;
          const assertion = automaton.asserts[at];
          if (assertion) {
            const holds =
              assertion === 'start' ? index === 0
              : assertion === 'end' ? index === codes.length
              : (isWordAt(codes, index - 1) !== isWordAt(codes, index)) === (assertion === 'wordBoundary');
            if (holds) stack.push(automaton.next[at]!);
            continue;
          }
          if (automaton.tests[at]) {
            list.push(at);
            continue;
          }
          stack.push(automaton.alternative[at]!, automaton.next[at]!);
        }
        return false;
      };

      for (let index = 0; index <= codes.length; index++) {
        // Unanchored search: a fresh thread may start at every position.
        if (add(current, start, index)) return true;
        if (index === codes.length) break;
        generation++;
        const following: number[] = [];
        const code = codes[index]!;
        for (const state of current) {
          const test = automaton.tests[state]!;
          if (test(code) || (ignoreCase && (test(fold(code)) || test(upper(code))))) {
            if (add(following, automaton.next[state]!, index + 1)) return true;
          }
        }
        current = following;
      }
      return false;
    },
  };
}
