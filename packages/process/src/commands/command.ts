import type { ProcessDefinition } from '../definition/types';
import type { Effect } from '../runtime/effects';
import { ProcessError } from '../runtime/process-error';
import { Run } from '../runtime/run';
import type { ProcessState } from '../runtime/state';
import { cloneJson } from '../runtime/variables';

export type Instant = string | Date;

export interface CommandResult {
  state: ProcessState;
  effects: Effect[];
}

export function normaliseNow(now: Instant | undefined): string {
  const date = now instanceof Date ? now : typeof now === 'string' ? new Date(now) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new ProcessError('command.now.invalid', {
      'zh-CN': '必须提供有效的当前时间 now（ISO 8601）',
      en: 'a valid `now` (ISO 8601) must be given',
    });
  }
  return date.toISOString();
}

/**
 * Applies a command to a copy of the state: the state given is never changed, so a command that
 * throws leaves nothing half-done, and the caller may keep the old state.
 */
export function applyCommand(
  definition: ProcessDefinition,
  state: ProcessState,
  now: Instant | undefined,
  command: (run: Run) => void,
  options: { allowEnded?: boolean } = {},
): CommandResult {
  const at = normaliseNow(now);
  if (!state || state.version !== 1) {
    throw new ProcessError('state.invalid', { 'zh-CN': '流程实例状态无效', en: 'the process instance state is not valid' });
  }
  if (state.processId !== definition.id) {
    throw new ProcessError('state.definitionMismatch', {
      'zh-CN': `实例属于流程 ${state.processId}，不是 ${definition.id}`,
      en: `the instance belongs to process ${state.processId}, not ${definition.id}`,
    });
  }
  if (state.status !== 'active' && !options.allowEnded) {
    throw new ProcessError('instance.ended', { 'zh-CN': '流程实例已结束', en: 'the process instance has ended' });
  }
  const run = new Run(definition, cloneJson(state), at);
  command(run);
  run.drain();
  return { state: run.state, effects: run.effects };
}
