import type { TimerSpec } from '../definition/types';
import type { Run } from '../runtime/run';
import { ProcessError } from '../runtime/process-error';
import type { TimerState } from '../runtime/state';
import { scheduleTimerText, TimerSpecError, type TimerSchedule } from '../time/timer-schedule';

type TimerFields = Omit<TimerState, 'id' | 'dueAt' | 'cycle'>;

/** Evaluates a timer definition against the variables and records the pending timer. Returns its id. */
export function scheduleTimer(run: Run, spec: TimerSpec, variables: Record<string, unknown>, fields: TimerFields): string {
  const value = spec.value(variables, run.now);
  const text = value instanceof Date ? value.toISOString() : String(value ?? '');
  let schedule: TimerSchedule;
  try {
    schedule = scheduleTimerText(spec.type, text, run.nowDate, run.definition.calendar);
  } catch (error) {
    if (!(error instanceof TimerSpecError)) throw error;
    throw new ProcessError(
      'timer.invalid',
      { 'zh-CN': `${fields.elementId} 的定时器无效：${error.message}`, en: `the timer of ${fields.elementId} is invalid: ${error.message}` },
      { elementId: fields.elementId },
    );
  }
  return addTimer(run, schedule, fields);
}

export function addTimer(run: Run, schedule: TimerSchedule, fields: TimerFields): string {
  const timer: TimerState = { id: run.newId('timer'), dueAt: schedule.dueAt, ...fields, ...(schedule.cycle ? { cycle: schedule.cycle } : {}) };
  run.state.timers[timer.id] = timer;
  run.emit({ type: 'timer.scheduled', at: run.now, timerId: timer.id, dueAt: timer.dueAt, elementId: timer.elementId, purpose: timer.purpose });
  return timer.id;
}

export function cancelTimer(run: Run, timerId: string): void {
  if (!run.state.timers[timerId]) return;
  delete run.state.timers[timerId];
  run.emit({ type: 'timer.cancelled', at: run.now, timerId });
}
