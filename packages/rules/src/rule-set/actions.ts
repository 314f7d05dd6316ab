import { compileRoot } from '../compiler/compile-node';
import { defaultLimits } from '../limits';
import type { Evaluator, Runtime } from '../operations/operation';
import type { Problem } from '../problems';
import { asRuleError, RuleError } from '../rule-error';
import { addDaysTo, parseTemporal } from '../values/calendar';
import type { ActionDefinition, RuleAction } from './definition';
import { validFieldPath } from './field-path';

export type CompiledAction = (facts: unknown, runtime: Runtime, ruleId: string) => RuleAction;

const actionTypes = ['set', 'addTag', 'removeTag', 'startProcess', 'createTask', 'notify'];
const channels = ['inbox', 'sms', 'email'];

function problem(code: string, path: string, zh: string, en: string): Problem {
  return { code, path, message: { 'zh-CN': zh, en }, severity: 'error' };
}

/** Compiles a rule-valued property; problems are collected at the property's path. */
export function compileValue(rule: unknown, path: string, problems: Problem[]): Evaluator {
  try {
    return compileRoot(rule, defaultLimits);
  } catch (error) {
    const ruleError = asRuleError(error, '');
    problems.push({ ...ruleError.toProblem(), path: ruleError.path ? `${path}.${ruleError.path}` : path });
    return () => null;
  }
}

function compileRecord(record: unknown, path: string, problems: Problem[]): (facts: unknown, runtime: Runtime) => Record<string, unknown> {
  if (record === undefined) return () => ({});
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    problems.push(problem('action.invalid', path, '必须是对象（名称到规则）', 'must be an object of names to rules'));
    return () => ({});
  }
  const entries = Object.entries(record).map(([key, rule]) => [key, compileValue(rule, `${path}.${key}`, problems)] as const);
  return (facts, runtime) => {
    const result: Record<string, unknown> = {};
    for (const [key, evaluator] of entries) result[key] = evaluator(facts, runtime);
    return result;
  };
}

function requireText(value: unknown, path: string, problems: Problem[], what: { 'zh-CN': string; en: string }): void {
  const localized = typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)['zh-CN'] === 'string' && typeof (value as Record<string, unknown>).en === 'string';
  if (!(typeof value === 'string' && value !== '') && !localized) {
    problems.push(problem('action.missing', path, `缺少${what['zh-CN']}`, `the ${what.en} is missing`));
  }
}

function tagOf(evaluator: Evaluator, facts: unknown, runtime: Runtime): string {
  const tag = evaluator(facts, runtime);
  if (typeof tag !== 'string' || tag === '') {
    throw new RuleError('action.invalid_tag', '', { 'zh-CN': '标签必须是非空文本', en: 'a tag must be non-empty text' });
  }
  return tag;
}

function recipients(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  const valid = list.filter((item): item is string => typeof item === 'string' && item !== '');
  if (valid.length === 0) {
    throw new RuleError('action.no_recipient', '', { 'zh-CN': '通知没有收件人', en: 'the notification has no recipient' });
  }
  return valid;
}

/** Validates one action definition and compiles its rule-valued properties. */
export function compileAction(action: ActionDefinition, path: string, problems: Problem[]): CompiledAction | undefined {
  if (typeof action !== 'object' || action === null || !actionTypes.includes((action as { type?: string }).type as string)) {
    const type = (action as { type?: unknown } | null)?.type;
    problems.push(problem('action.unknown_type', `${path}.type`, `未知的动作类型 "${String(type)}"`, `unknown action type "${String(type)}" (use ${actionTypes.join(', ')})`));
    return undefined;
  }
  switch (action.type) {
    case 'set': {
      if (!validFieldPath(action.field)) {
        problems.push(problem('action.invalid_field', `${path}.field`, '字段路径无效（不能为空，也不能访问对象原型）', 'the field path is invalid (empty, or reaching an object prototype)'));
      }
      const value = compileValue(action.value, `${path}.value`, problems);
      return (facts, runtime, ruleId) => ({ ruleId, type: 'set', field: action.field, value: value(facts, runtime) });
    }
    case 'addTag':
    case 'removeTag': {
      const tag = compileValue(action.tag, `${path}.tag`, problems);
      const type = action.type;
      return (facts, runtime, ruleId) => ({ ruleId, type, tag: tagOf(tag, facts, runtime) });
    }
    case 'startProcess': {
      if (typeof action.process !== 'string' || action.process === '') {
        problems.push(problem('action.missing', `${path}.process`, '缺少流程标识', 'the process key is missing'));
      }
      const businessKey = compileValue(action.businessKey ?? null, `${path}.businessKey`, problems);
      const variables = compileRecord(action.variables, `${path}.variables`, problems);
      return (facts, runtime, ruleId) => ({
        ruleId,
        type: 'startProcess',
        process: action.process,
        businessKey: businessKey(facts, runtime),
        variables: variables(facts, runtime),
      });
    }
    case 'createTask': {
      requireText(action.title, `${path}.title`, problems, { 'zh-CN': '任务标题', en: 'task title' });
      if (action.dueInDays !== undefined && !(Number.isInteger(action.dueInDays) && action.dueInDays >= 0)) {
        problems.push(problem('action.invalid_due', `${path}.dueInDays`, '期限天数必须是非负整数', 'dueInDays must be a whole number of days, 0 or more'));
      }
      if (action.candidateGroups !== undefined && !(Array.isArray(action.candidateGroups) && action.candidateGroups.every((group) => typeof group === 'string'))) {
        problems.push(problem('action.invalid', `${path}.candidateGroups`, '候选组必须是文本列表', 'candidateGroups must be a list of texts'));
      }
      const assignee = compileValue(action.assignee ?? null, `${path}.assignee`, problems);
      const data = compileRecord(action.data, `${path}.data`, problems);
      return (facts, runtime, ruleId) => ({
        ruleId,
        type: 'createTask',
        title: action.title,
        assignee: assignee(facts, runtime),
        candidateGroups: action.candidateGroups ?? [],
        dueDate: action.dueInDays === undefined ? null : dueDate(action.dueInDays, runtime),
        data: data(facts, runtime),
      });
    }
    case 'notify': {
      if (action.to === undefined) problems.push(problem('action.missing', `${path}.to`, '缺少收件人', 'the recipient is missing'));
      if (action.channel !== undefined && !channels.includes(action.channel)) {
        problems.push(problem('action.invalid', `${path}.channel`, `未知的通知渠道 "${String(action.channel)}"`, `unknown channel "${String(action.channel)}" (use inbox, sms or email)`));
      }
      if (action.template === undefined && action.message === undefined) {
        problems.push(problem('action.missing', `${path}.message`, '通知需要模板或消息', 'a notification needs a template or a message'));
      }
      const to = compileValue(action.to, `${path}.to`, problems);
      const data = compileRecord(action.data, `${path}.data`, problems);
      return (facts, runtime, ruleId) => ({
        ruleId,
        type: 'notify',
        to: recipients(to(facts, runtime)),
        channel: action.channel ?? 'inbox',
        template: action.template ?? null,
        message: action.message ?? null,
        data: data(facts, runtime),
      });
    }
  }
}

function dueDate(days: number, runtime: Runtime): string {
  const now = parseTemporal(runtime.context?.now);
  if (!now) {
    throw new RuleError('context.now_missing', '', {
      'zh-CN': '计算任务期限需要调用方传入 now',
      en: 'the task due date needs the caller to pass `now`',
    });
  }
  return addDaysTo({ kind: 'date', year: now.year, month: now.month, day: now.day }, days);
}
