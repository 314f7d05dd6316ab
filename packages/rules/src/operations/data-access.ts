import { forbiddenPathError, isForbiddenSegment, readDataPath as readDataPathImport, readSegments as readSegmentsImport, splitVariablePath } from '../property-path';
import { markStandalone, registerVariable } from '../compiler/evaluator-registry';
import { asRuleError, RuleError } from '../rule-error';
import { isLogic } from '../rule';
import { pathRead, readFused as readFusedImport } from './comparison';
import { notConstant, type Evaluator, type Operation } from './operation';

/* Functions that evaluation closures call are bound to module constants once: loaders that turn
 * ES imports into CommonJS getters (tsx, SWC under Jest) would otherwise run a getter per call. */
const readDataPath = readDataPathImport;
const readSegments = readSegmentsImport;
const readFused = readFusedImport;

/** json-logic's `var` on an evaluated name: the whole data for "", null or no name. */
function readVariable(data: unknown, name: unknown, path: string): unknown {
  if (name === undefined || name === '' || name === null) return data;
  const segments = String(name).split('.');
  for (const segment of segments) if (isForbiddenSegment(segment)) throw forbiddenPathError(path, String(name));
  return readSegments(data, segments);
}

/** json-logic-js reads each key as `{ "var": key }`, so a key that is a list means [name, default]. */
function isMissing(data: unknown, key: unknown, path: string): boolean {
  let name = key;
  let notFound: unknown = null;
  if (Array.isArray(key)) {
    name = key[0];
    notFound = key[1] === undefined ? null : key[1];
  }
  if (isLogic(name) || (Array.isArray(key) && isLogic(notFound))) {
    throw new RuleError('missing.invalid_key', path, {
      'zh-CN': '"missing" 的键必须是变量路径，不能是规则',
      en: 'the keys of "missing" must be variable paths, not rules',
    });
  }
  const found = readVariable(data, name, path);
  const value = found === undefined ? notFound : found;
  return value === null || value === '';
}

/** `missing`: the keys whose value is absent, null or "". Keys come as arguments or as one array. */
function missingKeys(data: unknown, args: readonly unknown[], path: string): unknown[] {
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const missing: unknown[] = [];
  for (const key of keys) if (isMissing(data, key, path)) missing.push(key);
  return missing;
}

export const dataAccessOperations: readonly Operation[] = [
  {
    name: 'var',
    category: 'data',
    summary:
      'Reads a value by dotted path (`applicant.address.city`, array indexes as `rows.0`); the second argument is the default when it is absent. Only own data properties are read: `__proto__`, `constructor` and `prototype` are refused.',
    examples: [
      { rule: { var: 'applicant.income' }, data: { applicant: { income: 12000 } }, result: 12000 },
      { rule: { var: ['applicant.segment', 'MASS'] }, data: { applicant: {} }, result: 'MASS' },
    ],
    compile(args, scope) {
      const nameEvaluator = scope.compileArgument(0);
      const fallbackEvaluator = args.length > 1 ? scope.compileArgument(1) : undefined;
      const restEvaluators = args.slice(2).map((_, index) => scope.compileArgument(index + 2));
      const name = scope.constantValue(nameEvaluator);
      const fallback = fallbackEvaluator ? scope.constantValue(fallbackEvaluator) : undefined;
      const path = scope.path;

      if (name !== notConstant && fallback !== notConstant && restEvaluators.length === 0) {
        const notFound = fallback === undefined ? null : fallback;
        if (name === undefined || name === '' || name === null) return (data) => data;
        const segments = splitVariablePath(String(name), scope.argumentPath(0));
        return registerVariable(compileConstantPath(segments, notFound), { segments, notFound });
      }
      return (data, runtime) => {
        const key = nameEvaluator(data, runtime);
        const fallbackValue = fallbackEvaluator ? fallbackEvaluator(data, runtime) : undefined;
        for (const rest of restEvaluators) rest(data, runtime);
        const notFound = fallbackValue === undefined ? null : fallbackValue;
        const value = readVariable(data, key, path);
        return value === undefined ? notFound : value;
      };
    },
    signature: { returns: 'any' },
  },
  {
    name: 'missing',
    category: 'data',
    summary: 'The listed keys whose value is absent, null or "" (an empty array when all are present).',
    examples: [{ rule: { missing: ['name', 'idNumber'] }, data: { name: '张三', idNumber: '' }, result: ['idNumber'] }],
    compile(args, scope) {
      const keys = args.map((_, index) => scope.compileArgument(index));
      const path = scope.path;
      const literal = keys.map((key) => scope.constantValue(key));
      if (literal.length > 0 && literal.every((key) => typeof key === 'string' && key !== '')) {
        // Literal names: split once; the check is then a read per key.
        const names = literal as string[];
        const paths = names.map((name) => splitVariablePath(name, path));
        // Paths of one or two steps are read inline, as readDataPath reads them.
        const reads = paths.map((segments) => pathRead(segments, undefined));
        return markStandalone((data) => {
          const missing: string[] = [];
          try {
            for (let index = 0; index < paths.length; index++) {
              const read = reads[index];
              const value = read !== undefined ? readFused(read, data) : readDataPath(data, paths[index]!);
              if (value === undefined || value === null || value === '') missing.push(names[index]!);
            }
          } catch (error) {
            throw asRuleError(error, path);
          }
          return missing;
        });
      }
      return (data, runtime) => missingKeys(data, keys.map((key) => key(data, runtime)), path);
    },
    signature: { returns: 'array' },
  },
  {
    name: 'missing_some',
    category: 'data',
    summary: 'Given a minimum count and keys: [] when at least that many are present, else the missing keys.',
    examples: [{ rule: { missing_some: [1, ['mobile', 'email']] }, data: { email: 'a@b.cn' }, result: [] }],
    compile(args, scope) {
      const needEvaluator = scope.compileArgument(0);
      const optionsEvaluator = scope.compileArgument(1);
      const rest = args.slice(2).map((_, index) => scope.compileArgument(index + 2));
      const path = scope.path;
      const needLiteral = scope.constantValue(needEvaluator);
      const optionsLiteral = args[1];
      if (rest.length === 0 && typeof needLiteral === 'number' && Array.isArray(optionsLiteral) && optionsLiteral.every((key) => typeof key === 'string' && key !== '')) {
        const names = optionsLiteral as string[];
        const paths = names.map((name) => splitVariablePath(name, path));
        // Paths of one or two steps are read inline, as readDataPath reads them.
        const reads = paths.map((segments) => pathRead(segments, undefined));
        return markStandalone((data) => {
          // The list of missing keys is only made when one is missing.
          let missing: string[] | undefined;
          try {
            for (let index = 0; index < paths.length; index++) {
              const read = reads[index];
              const value = read !== undefined ? readFused(read, data) : readDataPath(data, paths[index]!);
              if (value === undefined || value === null || value === '') (missing ??= []).push(names[index]!);
            }
            const absent = missing === undefined ? 0 : missing.length;
            return names.length - absent >= needLiteral ? [] : (missing ?? []);
          } catch (error) {
            throw asRuleError(error, path);
          }
        });
      }
      return (data, runtime) => {
        const need = needEvaluator(data, runtime) as number;
        const options = optionsEvaluator(data, runtime);
        for (const evaluator of rest) evaluator(data, runtime);
        const missing = missingKeys(data, [options], path);
        if (options === null || options === undefined) throw new TypeError('missing_some needs a list of keys');
        const optionCount = (options as { length?: number }).length as number;
        return optionCount - missing.length >= need ? [] : missing;
      };
    },
    signature: { returns: 'array' },
  },
];

/**
 * The hot path: a literal variable name, split once, read without allocating. Plain property
 * reads are safe here because the forbidden names were refused when compiling, and an inherited
 * member is always a function (toString, valueOf, …), which data never holds: it reads as absent.
 */
function compileConstantPath(segments: readonly string[], notFound: unknown): Evaluator {
  if (segments.length === 1) {
    const key = segments[0]!;
    return (data) => {
      if (data === null || data === undefined) return notFound;
      const value = (data as Record<string, unknown>)[key];
      return value === undefined || typeof value === 'function' ? notFound : value;
    };
  }
  if (segments.length === 2) {
    const [outer, inner] = segments as [string, string];
    return (data) => {
      if (data === null || data === undefined) return notFound;
      const holder = (data as Record<string, unknown>)[outer];
      if (holder === null || holder === undefined || typeof holder === 'function') return notFound;
      const value = (holder as Record<string, unknown>)[inner];
      return value === undefined || typeof value === 'function' ? notFound : value;
    };
  }
  return (data) => {
    const value = readSegments(data, segments);
    return value === undefined ? notFound : value;
  };
}
