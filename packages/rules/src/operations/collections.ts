import { constantEvaluator, markStandalone } from '../compiler/evaluator-registry';
import { dataOperandValue as dataOperandValueImport, OperandKind, operandOf, operandValue as operandValueImport, readsOnlyData, standaloneOverOperands, type Operand } from './operand';
import { Comparison, fusedVariableComparison } from './comparison';
import { asRuleError, RuleError } from '../rule-error';
import { notConstant, type Evaluator, type Operation, type Runtime } from './operation';

/* Bound to a module constant once: loaders that turn ES imports into CommonJS getters would
 * otherwise run a getter per call. */
const operandValue = operandValueImport;
const dataOperandValue = dataOperandValueImport;

function tooLong(kind: 'array' | 'string', length: number, limit: number): RuleError {
  return kind === 'array'
    ? new RuleError('rule.array_too_large', '', {
        'zh-CN': `合并后的数组过大：${length} 项，上限为 ${limit} 项`,
        en: `the merged array is too large: ${length} items, the limit is ${limit}`,
      })
    : new RuleError('rule.string_too_long', '', {
        'zh-CN': `拼接后的字符串过长：${length} 个字符，上限为 ${limit}`,
        en: `the joined string is too long: ${length} characters, the limit is ${limit}`,
      });
}

function merge(values: unknown[], runtime: Runtime): unknown[] {
  let result: unknown[] = [];
  for (const value of values) {
    result = result.concat(value);
    if (result.length > runtime.limits.maxArrayLength) throw tooLong('array', result.length, runtime.limits.maxArrayLength);
  }
  return result;
}

/** `cat` joins like Array.prototype.join(""): null and undefined become "". */
function concatenate(values: unknown[], runtime: Runtime): string {
  const text = values.join('');
  if (text.length > runtime.limits.maxStringLength) throw tooLong('string', text.length, runtime.limits.maxStringLength);
  return text;
}

/** How Array.prototype.join writes one item: null and undefined as nothing. */
function textOf(value: unknown): string {
  return value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
}

function compileJoin(parts: Evaluator[]): Evaluator {
  return (data, runtime) => {
    const values = parts.map((part) => part(data, runtime));
    return concatenate(values, runtime);
  };
}

function substring(source: unknown, start: unknown, end: unknown): string {
  const text = String(source);
  // A negative length counts from the end, as PHP's substr does; String#substr has no such form.
  if ((end as number) < 0) {
    const tail = text.substr(start as number);
    return tail.substr(0, tail.length + (end as number));
  }
  return text.substr(start as number, end as number);
}

function contains(needle: unknown, haystack: unknown): boolean {
  if (!haystack) return false;
  if (typeof haystack === 'string') return haystack.indexOf(needle as string) !== -1;
  if (Array.isArray(haystack)) return haystack.indexOf(needle) !== -1;
  return false;
}

export const collectionOperations: readonly Operation[] = [
  {
    name: 'merge',
    category: 'array',
    summary: 'One flat array of the arguments (arrays are spread one level, other values appended).',
    examples: [{ rule: { merge: [[1, 2], 3, [4]] }, result: [1, 2, 3, 4] }],
    call: merge,
    compile(args, scope) {
      const parts = args.map((_, index) => scope.compileArgument(index));
      if (parts.length !== 2) return scope.compileCall(parts);
      // Two parts (a list and a list chosen by a condition): joined without an argument list.
      const [a, b] = parts.map(operandOf) as [Operand, Operand];
      const maxLength = scope.limits.maxArrayLength;
      const path = scope.path;
      return standaloneOverOperands((data, runtime) => {
        let result: unknown[];
        try {
          const first = operandValue(a, data, runtime);
          const second = operandValue(b, data, runtime);
          result = ([] as unknown[]).concat(first);
          if (result.length <= maxLength) result = result.concat(second);
        } catch (error) {
          throw asRuleError(error, path);
        }
        if (result.length > maxLength) throw tooLong('array', result.length, maxLength).at(path);
        return result;
      }, [a, b]);
    },
    signature: { returns: 'array' },
  },
  {
    name: 'in',
    category: 'array',
    summary: 'Whether the first argument is an item of the second (array) or a substring of it (string).',
    examples: [
      { rule: { in: [{ var: 'segment' }, ['VIP', 'PB']] }, data: { segment: 'PB' }, result: true },
      { rule: { in: ['贷', '个人贷款'] }, result: true },
    ],
    compile(args, scope) {
      const needle = scope.compileArgument(0);
      const haystack = scope.compileArgument(1);
      const rest = args.slice(2).map((_, index) => scope.compileArgument(index + 2));
      if (rest.length > 0) {
        return (data, runtime) => {
          const result = contains(needle(data, runtime), haystack(data, runtime));
          for (const evaluator of rest) evaluator(data, runtime);
          return result;
        };
      }
      // A literal list of plain values: one Set lookup instead of evaluating and scanning the list.
      const literal = literalList(args[1]);
      if (literal) {
        // A variable read inline, as a fused comparison that `and`, `or`, `if` and `filter` run without a call.
        const fused = fusedVariableComparison(Comparison.Member, needle, literal, scope.path);
        if (fused) return fused;
        const item = operandOf(needle);
        return (data, runtime) => literal.has(operandValue(item, data, runtime));
      }
      // A literal needle in a list or text read from data (`{"in": ["payroll", {"var": "products"}]}`).
      const needleLiteral = scope.constantValue(needle);
      const container = operandOf(haystack);
      if (needleLiteral !== notConstant && container.kind === OperandKind.Variable) {
        // Reads nothing but the data: a rule of its own, without a wrapper.
        const path = scope.path;
        return markStandalone((data) => {
          try {
            return contains(needleLiteral, dataOperandValue(container, data));
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      if (needleLiteral !== notConstant) return (data, runtime) => contains(needleLiteral, operandValue(container, data, runtime));
      const item = operandOf(needle);
      return (data, runtime) => contains(operandValue(item, data, runtime), operandValue(container, data, runtime));
    },
    signature: { returns: 'boolean' },
  },
  {
    name: 'cat',
    category: 'string',
    summary: 'The arguments joined into one string (null and undefined add nothing).',
    examples: [{ rule: { cat: ['尊敬的', { var: 'name' }, '客户'] }, data: { name: '李雷' }, result: '尊敬的李雷客户' }],
    pure: true,
    call: concatenate,
    compile(args, scope) {
      const parts = args.map((_, index) => scope.compileArgument(index));
      const literals = parts.map((part) => scope.constantValue(part));
      if (!literals.includes(notConstant) && literals.length > 0) {
        const text = literals.map(textOf).join('');
        if (text.length <= scope.limits.maxStringLength) return constantEvaluator(text);
      }
      if (parts.length === 0) return compileJoin(parts);
      // Literal parts are written once as text; the others are read and appended (as join('') does).
      const texts = literals.map((literal) => (literal !== notConstant ? textOf(literal) : undefined));
      const count = parts.length;
      const maxLength = scope.limits.maxStringLength;
      const path = scope.path;
      const operands = parts.map(operandOf);
      if (count === 3) {
        // Three parts (`name-code`), read inline.
        const [a, b, c] = operands as [Operand, Operand, Operand];
        if (operands.every(readsOnlyData)) {
          return markStandalone((data) => {
            let text: string;
            try {
              text = textOf(dataOperandValue(a, data)) + textOf(dataOperandValue(b, data)) + textOf(dataOperandValue(c, data));
            } catch (error) {
              throw asRuleError(error, path);
            }
            if (text.length > maxLength) throw tooLong('string', text.length, maxLength).at(path);
            return text;
          });
        }
        return standaloneOverOperands((data, runtime) => {
          let text: string;
          try {
            text = textOf(operandValue(a, data, runtime)) + textOf(operandValue(b, data, runtime)) + textOf(operandValue(c, data, runtime));
          } catch (error) {
            throw asRuleError(error, path);
          }
          if (text.length > maxLength) throw tooLong('string', text.length, maxLength).at(path);
          return text;
        }, operands);
      }
      return (data, runtime) => {
        let text = '';
        for (let index = 0; index < count; index++) {
          const fixed = texts[index];
          text += fixed !== undefined ? fixed : textOf(operandValue(operands[index]!, data, runtime));
        }
        if (text.length > maxLength) throw tooLong('string', text.length, maxLength).at(path);
        return text;
      };
    },
    signature: { returns: 'string' },
  },
  {
    name: 'substr',
    category: 'string',
    summary: 'Part of a string: from a start (negative counts from the end), optionally a length (negative drops that many from the end).',
    examples: [
      { rule: { substr: ['6222021234567890', -4] }, result: '7890' },
      { rule: { substr: ['110101199003077777', 6, 8] }, result: '19900307' },
    ],
    pure: true,
    call: (values) => substring(values[0], values[1], values[2]),
    compile(args, scope) {
      const parts = args.map((_, index) => scope.compileArgument(index));
      const [source, start, length] = parts;
      if (parts.length < 2 || parts.length > 3 || scope.constantValue(source!) !== notConstant) return scope.compileCall(parts);
      const from = scope.constantValue(start!);
      const count = length ? scope.constantValue(length) : undefined;
      if (typeof from !== 'number' || (count !== undefined && typeof count !== 'number')) return scope.compileCall(parts);
      // Literal bounds (`{"substr": [{"var": "text"}, 0, 10]}`): only the text is evaluated.
      const path = scope.path;
      const text = operandOf(source!);
      if (text.kind === OperandKind.Variable) {
        return markStandalone((data) => {
          try {
            return substring(dataOperandValue(text, data), from, count);
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      return (data, runtime) => {
        try {
          return substring(source!(data, runtime), from, count);
        } catch (error) {
          throw asRuleError(error, path);
        }
      };
    },
    signature: { returns: 'string' },
  },
  {
    name: 'log',
    needsRuntime: true,
    category: 'misc',
    summary: "Returns its argument unchanged and hands it to the caller's `context.log`, if any (engines never print).",
    examples: [{ rule: { log: 'checked' }, result: 'checked' }],
    call(values, runtime) {
      runtime.context?.log?.(values[0]);
      return values[0];
    },
    signature: { returns: (types) => types[0] ?? 'any' },
  },
];

/** A literal array of strings, finite numbers or booleans, as a Set (same strict equality as indexOf). */
function literalList(rule: unknown): Set<unknown> | undefined {
  if (!Array.isArray(rule) || rule.length === 0) return undefined;
  for (const item of rule) {
    const kind = typeof item;
    if (kind !== 'string' && kind !== 'boolean' && !(kind === 'number' && Number.isFinite(item))) return undefined;
  }
  return new Set(rule);
}
