import type { ProcessDefinition } from '../definition/types';
import { armEventSubProcesses } from '../events/event-subprocess';
import { ProcessError } from '../runtime/process-error';
import { Run } from '../runtime/run';
import { rootScopeId, type ProcessState } from '../runtime/state';
import { cloneJson } from '../runtime/variables';
import { scheduleTimerText, type TimerSchedule } from '../time/timer-schedule';
import { normaliseNow, type CommandResult, type Instant } from './command';

export interface StartOptions {
  now: Instant;
  instanceId?: string;
  variables?: Record<string, unknown>;
  businessKey?: string;
  startedBy?: string;
  /** Which start event: by id, or the message / signal start event with that name. Default: the none start event. */
  startEventId?: string;
  messageName?: string;
  signalName?: string;
}

function chooseStartEvent(definition: ProcessDefinition, options: StartOptions): string {
  const { startEvents } = definition;
  const found = options.startEventId
    ? startEvents.find((start) => start.elementId === options.startEventId)
    : options.messageName
      ? startEvents.find((start) => start.kind === 'message' && start.messageName === options.messageName)
      : options.signalName
        ? startEvents.find((start) => start.kind === 'signal' && start.signalName === options.signalName)
        : (startEvents.find((start) => start.kind === 'none') ?? (startEvents.length === 1 ? startEvents[0] : undefined));
  if (!found) {
    const wanted = options.startEventId ?? options.messageName ?? options.signalName ?? 'none';
    throw new ProcessError(
      'start.unknown',
      { 'zh-CN': `流程 ${definition.id} 没有匹配的开始事件（${wanted}）`, en: `process ${definition.id} has no matching start event (${wanted})` },
      { elementId: options.startEventId },
    );
  }
  return found.elementId;
}

/** Starts an instance at its start event and runs it until every token waits. */
export function start(definition: ProcessDefinition, options: StartOptions): CommandResult {
  const now = normaliseNow(options.now);
  const startEventId = chooseStartEvent(definition, options);
  const state: ProcessState = {
    version: 1,
    instanceId: options.instanceId ?? 'instance',
    processId: definition.id,
    ...(options.businessKey !== undefined ? { businessKey: options.businessKey } : {}),
    status: 'active',
    startedAt: now,
    ...(options.startedBy ? { startedBy: options.startedBy } : {}),
    variables: cloneJson(options.variables ?? {}),
    tasks: {},
    timers: {},
    jobs: {},
    subscriptions: {},
    incidents: {},
    executions: {},
    scopes: { [rootScopeId]: { id: rootScopeId, kind: 'process', elementId: definition.id, variables: {}, armed: [] } },
    joins: {},
    completedSteps: [],
    nextId: 1,
  };
  const run = new Run(definition, state, now);
  const initiator = definition.elements[startEventId]!.initiator;
  if (initiator && options.startedBy) state.variables[initiator] = options.startedBy;
  run.history('instance.started', {
    elementId: startEventId,
    ...(options.startedBy ? { by: options.startedBy } : {}),
    detail: { businessKey: options.businessKey ?? null },
  });
  armEventSubProcesses(run, state.scopes[rootScopeId]!);
  run.createExecution(startEventId, rootScopeId);
  run.drain();
  return { state: run.state, effects: run.effects };
}

/**
 * When a timer start event is next due (and, for cycles, how many firings remain): the shell
 * schedules it and calls `start(definition, { startEventId, now })` at that time.
 */
export function startTimerSchedule(definition: ProcessDefinition, startEventId: string, now: Instant): TimerSchedule {
  const info = definition.startEvents.find((start) => start.elementId === startEventId && start.kind === 'timer');
  if (!info?.timer) {
    throw new ProcessError('start.notTimer', { 'zh-CN': `${startEventId} 不是定时开始事件`, en: `${startEventId} is not a timer start event` }, {
      elementId: startEventId,
    });
  }
  return scheduleTimerText(info.timer.type, info.timer.text, new Date(normaliseNow(now)), definition.calendar);
}
