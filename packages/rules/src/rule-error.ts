import type { LocalizedText, Problem } from './problems';

/**
 * A rule that cannot be compiled or evaluated: a code a program can act on, where in the rule the
 * problem sits (e.g. `and[1].var`; empty for the whole rule) and a message in zh-CN and en.
 */
export class RuleError extends Error {
  override readonly name = 'RuleError';

  constructor(
    readonly code: string,
    readonly path: string,
    readonly messages: LocalizedText,
  ) {
    super(`${path ? `${path}: ` : ''}${messages.en} [${code}]`);
  }

  /** The same error, placed at `path` (operations raise errors without knowing where they sit). */
  at(path: string): RuleError {
    return path === this.path ? this : new RuleError(this.code, path, this.messages);
  }

  toProblem(): Problem {
    return { code: this.code, path: this.path, message: this.messages, severity: 'error' };
  }
}

/** Turns anything thrown while evaluating into a RuleError at `path`. */
export function asRuleError(error: unknown, path: string): RuleError {
  if (error instanceof RuleError) return error.path ? error : error.at(path);
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new RuleError('rule.too_deep', path, { 'zh-CN': '规则或数据嵌套过深', en: 'the rule or its data is nested too deeply' });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new RuleError('rule.runtime', path, {
    'zh-CN': `规则求值失败：${detail}`,
    en: `the rule failed while evaluating: ${detail}`,
  });
}
