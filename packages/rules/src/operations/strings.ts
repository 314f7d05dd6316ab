import { RuleError } from '../rule-error';
import { compileSafePattern, type SafePattern } from '../values/safe-regex';
import { notConstant, type Operation } from './operation';

/* String helpers. Numbers are read as their text (a card number stored as a number still has a
 * prefix); null or undefined gives false for tests and null for transformations. */

function text(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new RuleError('string.invalid', '', {
    'zh-CN': `需要文本，实际为 ${Array.isArray(value) ? '数组' : '对象'}`,
    en: `expected text, got ${Array.isArray(value) ? 'an array' : 'an object'}`,
  });
}

function transform(name: string, summary: string, example: Operation['examples'][number], apply: (value: string) => string): Operation {
  return {
    name,
    category: 'string',
    summary,
    examples: [example],
    arity: [1, 1],
    pure: true,
    call(values) {
      const value = text(values[0]);
      return value === null ? null : apply(value);
    },
    signature: { accepts: [['string', 'number', 'integer', 'any']], returns: 'string' },
  };
}

/** Patterns that arrive at evaluation time are compiled once and kept, up to a bound. */
const dynamicPatterns = new Map<string, SafePattern>();

function patternFor(source: string, flags: string, maxLength: number): SafePattern {
  const key = `${flags}/${source}`;
  let pattern = dynamicPatterns.get(key);
  if (!pattern) {
    pattern = compileSafePattern(source, maxLength, flags);
    if (dynamicPatterns.size >= 200) dynamicPatterns.delete(dynamicPatterns.keys().next().value!);
    dynamicPatterns.set(key, pattern);
  }
  return pattern;
}

export const stringOperations: readonly Operation[] = [
  {
    name: 'startsWith',
    category: 'string',
    summary: 'Whether a text starts with a prefix.',
    examples: [{ rule: { startsWith: [{ var: 'cardNumber' }, '622848'] }, data: { cardNumber: '6228480012345678' }, result: true }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const value = text(values[0]);
      const prefix = text(values[1]);
      return value !== null && prefix !== null && value.startsWith(prefix);
    },
    signature: { accepts: [['string', 'number', 'integer', 'any']], returns: 'boolean' },
  },
  {
    name: 'endsWith',
    category: 'string',
    summary: 'Whether a text ends with a suffix.',
    examples: [{ rule: { endsWith: ['客户经理', '经理'] }, result: true }],
    arity: [2, 2],
    pure: true,
    call(values) {
      const value = text(values[0]);
      const suffix = text(values[1]);
      return value !== null && suffix !== null && value.endsWith(suffix);
    },
    signature: { accepts: [['string', 'number', 'integer', 'any']], returns: 'boolean' },
  },
  {
    name: 'contains',
    category: 'string',
    summary: 'Whether a text contains a fragment, or an array contains an item (the container comes first, unlike `in`).',
    examples: [
      { rule: { contains: [{ var: 'complaint' }, '盗刷'] }, data: { complaint: '信用卡被盗刷' }, result: true },
      { rule: { contains: [{ var: 'tags' }, 'VIP'] }, data: { tags: ['VIP', 'payroll'] }, result: true },
    ],
    arity: [2, 2],
    pure: true,
    call(values) {
      const [container, item] = values;
      if (Array.isArray(container)) return container.includes(item);
      const value = text(container);
      const fragment = text(item);
      return value !== null && fragment !== null && value.includes(fragment);
    },
    signature: { returns: 'boolean' },
  },
  {
    name: 'matches',
    category: 'string',
    summary:
      'Whether a text matches a regular expression of the safe subset (linear time; no backreferences or lookaround; at most 200 characters); an optional "i" ignores case.',
    examples: [{ rule: { matches: [{ var: 'mobile' }, '^1[3-9]\\d{9}$'] }, data: { mobile: '13812345678' }, result: true }],
    arity: [2, 3],
    compile(args, scope) {
      const subject = scope.compileArgument(0);
      const patternEvaluator = scope.compileArgument(1);
      const flagsEvaluator = scope.compileArgument(2);
      const source = scope.constantValue(patternEvaluator);
      const flags = scope.constantValue(flagsEvaluator);
      const maxInput = scope.limits.maxMatchInputLength;
      const path = scope.path;
      const testText = (pattern: SafePattern, value: unknown): boolean => {
        const candidate = text(value);
        if (candidate === null) return false;
        if (candidate.length > maxInput) {
          throw new RuleError('string.too_long', path, {
            'zh-CN': `待匹配的文本过长（${candidate.length} 个字符，上限 ${maxInput}）`,
            en: `the text to match is too long (${candidate.length} characters, the limit is ${maxInput})`,
          });
        }
        return pattern.test(candidate);
      };
      if (typeof source === 'string' && (flags === undefined || typeof flags === 'string')) {
        let pattern: SafePattern;
        try {
          pattern = compileSafePattern(source, scope.limits.maxRegexLength, flags ?? '');
        } catch (error) {
          throw error instanceof RuleError ? error.at(scope.argumentPath(1)) : error;
        }
        return (data, runtime) => testText(pattern, subject(data, runtime));
      }
      if (source !== notConstant && typeof source !== 'string') {
        scope.fail('regex.invalid', { 'zh-CN': '正则表达式必须是文本', en: 'the regular expression must be text' }, scope.argumentPath(1));
      }
      return (data, runtime) => {
        const patternSource = patternEvaluator(data, runtime);
        if (typeof patternSource !== 'string') {
          throw new RuleError('regex.invalid', scope.argumentPath(1), { 'zh-CN': '正则表达式必须是文本', en: 'the regular expression must be text' });
        }
        const flagText = flagsEvaluator(data, runtime);
        let pattern: SafePattern;
        try {
          pattern = patternFor(patternSource, typeof flagText === 'string' ? flagText : '', runtime.limits.maxRegexLength);
        } catch (error) {
          throw error instanceof RuleError ? error.at(scope.argumentPath(1)) : error;
        }
        return testText(pattern, subject(data, runtime));
      };
    },
    signature: { accepts: [['string', 'number', 'integer', 'any'], ['string', 'any'], ['string', 'any']], returns: 'boolean' },
  },
  {
    name: 'length',
    category: 'string',
    summary: 'The number of characters of a text or items of an array (0 when absent).',
    examples: [{ rule: { length: { var: 'name' } }, data: { name: '欧阳娜娜' }, result: 4 }],
    arity: [1, 1],
    pure: true,
    call(values) {
      const value = values[0];
      if (Array.isArray(value)) return value.length;
      const content = text(value);
      return content === null ? 0 : Array.from(content).length;
    },
    signature: { returns: 'integer' },
  },
  transform('lower', 'The text in lower case.', { rule: { lower: 'VIP' }, result: 'vip' }, (value) => value.toLowerCase()),
  transform('upper', 'The text in upper case (e.g. an ID number ending in x).', { rule: { upper: '11010519491231002x' }, result: '11010519491231002X' }, (value) =>
    value.toUpperCase(),
  ),
  transform('trim', 'The text without surrounding white space (full-width spaces included).', { rule: { trim: '\u3000张三 ' }, result: '张三' }, (value) => value.trim()),
];
