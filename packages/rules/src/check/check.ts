import { resolveLimits } from '../limits';
import { isForbiddenSegment } from '../property-path';
import type { Problem } from '../problems';
import { operationTable } from '../operations/table';
import { argumentsOf, isLogic, operatorOf, type Rule } from '../rule';
import { accepts, compatible } from './type-compatibility';
import { describeVariable, type VariableDescriptor, type VariableSchema, type VariableType } from './variable-schema';

const orderedComparisons = new Set(['<', '<=', '>', '>=', '==', '===', '!=', '!==']);
const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const dateTimePattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

interface CheckState {
  readonly problems: Problem[];
  readonly maxDepth: number;
}

/**
 * Static check of a rule against the variables it may read: unknown operators, wrong argument
 * counts, variables the schema does not list, and type mismatches (a date compared with a number,
 * a money operation on a boolean). Returns [] when the rule is fine.
 */
export function check(rule: Rule, schema: VariableSchema): Problem[] {
  const state: CheckState = { problems: [], maxDepth: resolveLimits().maxDepth };
  infer(rule, '', schema, 1, state);
  return state.problems;
}

/** The type of `rule`, reporting problems on the way. `scope` is null inside rules over untyped arrays. */
export function inferType(rule: Rule, schema: VariableSchema | null): { type: VariableType; problems: Problem[] } {
  const state: CheckState = { problems: [], maxDepth: resolveLimits().maxDepth };
  return { type: infer(rule, '', schema, 1, state), problems: state.problems };
}

function join(parent: string, segment: string): string {
  return parent ? `${parent}.${segment}` : segment;
}

function infer(rule: Rule, path: string, scope: VariableSchema | null, depth: number, state: CheckState): VariableType {
  if (depth > state.maxDepth) {
    report(state, 'rule.too_deep', path, '规则嵌套过深', 'the rule is nested too deeply');
    return 'any';
  }
  if (Array.isArray(rule)) {
    rule.forEach((item, index) => infer(item, `${path}[${index}]`, scope, depth + 1, state));
    return 'array';
  }
  if (!isLogic(rule)) return literalType(rule);

  const operator = operatorOf(rule);
  const args = argumentsOf(rule, operator);
  const shorthand = !Array.isArray(rule[operator]);
  const operationPath = join(path, operator);
  const argumentPath = (index: number) => (shorthand && index === 0 ? operationPath : `${operationPath}[${index}]`);
  const operation = operationTable.get(operator);
  if (!operation) {
    report(state, 'operator.unknown', path, `未知的运算符 "${operator}"`, `unknown operator "${operator}"`);
    return 'any';
  }
  if (operation.arity && (args.length < operation.arity[0] || args.length > operation.arity[1])) {
    report(
      state,
      'operator.arity',
      operationPath,
      `运算符 "${operator}" 的参数个数不对（${args.length} 个）`,
      `operator "${operator}" does not take ${args.length} arguments`,
    );
  }
  if (operator === 'var') return variableType(args, argumentPath, scope, depth, state);

  const signature = operation.signature;
  let types: VariableType[];
  if (signature?.scoped) {
    const { array, rule: ruleIndex } = signature.scoped;
    types = args.map((arg, index) => {
      if (index !== ruleIndex) return infer(arg, argumentPath(index), scope, depth + 1, state);
      const itemScope = itemScopeOf(args[array], scope, operator === 'reduce');
      return infer(arg, argumentPath(index), itemScope, depth + 1, state);
    });
  } else {
    types = args.map((arg, index) => infer(arg, argumentPath(index), scope, depth + 1, state));
  }

  if (orderedComparisons.has(operator)) {
    const known = types.filter((type) => type !== 'any');
    for (let index = 1; index < known.length; index++) {
      if (!compatible(known[0]!, known[index]!)) {
        report(state, 'type.mismatch', operationPath, `不能比较 ${known[0]} 与 ${known[index]}`, `cannot compare ${known[0]} with ${known[index]}`);
        break;
      }
    }
  } else if (signature?.accepts && signature.accepts.length > 0) {
    types.forEach((type, index) => {
      const allowed = signature.accepts![Math.min(index, signature.accepts!.length - 1)]!;
      if (!accepts(allowed, type)) {
        report(
          state,
          'type.mismatch',
          argumentPath(index),
          `运算符 "${operator}" 的第 ${index + 1} 个参数应为 ${allowed.join('/')}，实际为 ${type}`,
          `argument ${index + 1} of "${operator}" should be ${allowed.join('/')}, not ${type}`,
        );
      }
    });
  }
  if (!signature) return 'any';
  return typeof signature.returns === 'function' ? signature.returns(types) : signature.returns;
}

function literalType(value: unknown): VariableType {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') {
    if (datePattern.test(value)) return 'date';
    if (dateTimePattern.test(value)) return 'datetime';
    return 'string';
  }
  if (value === null || value === undefined) return 'any';
  return 'object';
}

function variableType(
  args: readonly unknown[],
  argumentPath: (index: number) => string,
  scope: VariableSchema | null,
  depth: number,
  state: CheckState,
): VariableType {
  args.slice(1).forEach((arg, index) => infer(arg, argumentPath(index + 1), scope, depth + 1, state));
  const name = args[0];
  if (isLogic(name) || Array.isArray(name)) {
    infer(name, argumentPath(0), scope, depth + 1, state);
    return 'any';
  }
  if (name === undefined || name === null || name === '') return 'any';
  const variable = String(name);
  if (variable.split('.').some(isForbiddenSegment)) {
    report(state, 'var.forbidden', argumentPath(0), `变量路径 "${variable}" 不允许访问对象原型`, `variable path "${variable}" may not reach object prototypes`);
    return 'any';
  }
  if (!scope) return 'any';
  const found = lookUp(scope, variable);
  if (found === undefined) {
    report(state, 'var.unknown', argumentPath(0), `未知变量 "${variable}"`, `unknown variable "${variable}"`);
    return 'any';
  }
  return found.type;
}

/** Finds a dotted path in a schema, descending into array rows (`rows.0.amount`) and untyped objects. */
export function lookUp(schema: VariableSchema, variable: string): VariableDescriptor | undefined {
  const direct = schema[variable];
  if (direct !== undefined && Object.prototype.hasOwnProperty.call(schema, variable)) return describeVariable(direct);
  const segments = variable.split('.');
  for (let cut = segments.length - 1; cut > 0; cut--) {
    const prefix = segments.slice(0, cut).join('.');
    if (!Object.prototype.hasOwnProperty.call(schema, prefix)) continue;
    const holder = describeVariable(schema[prefix]!);
    const rest = segments.slice(cut);
    if (holder.type === 'any' || (holder.type === 'object' && !holder.items)) return { type: 'any' };
    if (holder.type === 'array') {
      if (!/^\d+$/.test(rest[0]!)) return rest.length === 1 && rest[0] === 'length' ? { type: 'integer' } : undefined;
      if (rest.length === 1) return holder.items ? { type: 'object', items: holder.items } : { type: 'any' };
      return holder.items ? lookUp(holder.items, rest.slice(1).join('.')) : { type: 'any' };
    }
    if (holder.type === 'object' && holder.items) return lookUp(holder.items, rest.join('.'));
    return undefined;
  }
  return undefined;
}

/** The schema `var` sees inside map/filter/…: the rows' fields when the array's are known. */
function itemScopeOf(source: unknown, scope: VariableSchema | null, reducing: boolean): VariableSchema | null {
  if (!scope || !isLogic(source) || operatorOf(source) !== 'var') return null;
  const name = argumentsOf(source, 'var')[0];
  if (typeof name !== 'string') return null;
  const descriptor = lookUp(scope, name);
  if (!descriptor || descriptor.type !== 'array' || !descriptor.items) return null;
  if (!reducing) return descriptor.items;
  const reduced: VariableSchema = { accumulator: 'any', current: 'object' };
  for (const [key, value] of Object.entries(descriptor.items)) reduced[`current.${key}`] = value;
  return reduced;
}

function report(state: CheckState, code: string, path: string, zh: string, en: string): void {
  state.problems.push({ code, path, message: { 'zh-CN': zh, en }, severity: 'error' });
}
