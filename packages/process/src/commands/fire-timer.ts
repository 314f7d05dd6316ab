import type { ProcessDefinition } from '../definition/types';
import { taskSnapshot } from '../activities/user-task';
import { fireBoundaryEvent } from '../events/boundary';
import { triggerEventSubProcess } from '../events/event-subprocess';
import { addTimer } from '../events/timers';
import { eventGatewayTriggered } from '../gateways/event-based';
import { ProcessError } from '../runtime/process-error';
import type { Run } from '../runtime/run';
import type { ProcessState, TimerState } from '../runtime/state';
import { addDuration, parseDuration } from '../time/duration';
import { applyCommand, type CommandResult, type Instant } from './command';

/** The next firing of a cycle, or undefined when it has run out. */
function nextCycle(run: Run, timer: TimerState): { dueAt: string; cycle: TimerState['cycle'] } | undefined {
  if (!timer.cycle || timer.cycle.remaining === 0) return undefined;
  const interval = parseDuration(timer.cycle.interval)!;
  return {
    dueAt: addDuration(new Date(timer.dueAt), interval, run.definition.calendar).toISOString(),
    cycle: { remaining: timer.cycle.remaining === null ? null : timer.cycle.remaining - 1, interval: timer.cycle.interval },
  };
}

function reschedule(run: Run, timer: TimerState): string | undefined {
  const next = nextCycle(run, timer);
  if (!next) return undefined;
  const { id: _id, dueAt: _dueAt, cycle: _cycle, ...fields } = timer;
  return addTimer(run, { dueAt: next.dueAt, ...(next.cycle ? { cycle: next.cycle } : {}) }, fields);
}

/** A timer the shell scheduled is due. */
export function fireTimer(definition: ProcessDefinition, state: ProcessState, timerId: string, options: { now: Instant }): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const timer = run.state.timers[timerId];
    if (!timer) {
      throw new ProcessError('timer.unknown', { 'zh-CN': `定时器 ${timerId} 不存在或已取消`, en: `timer ${timerId} does not exist or was cancelled` }, { timerId });
    }
    delete run.state.timers[timerId];
    run.history('timer.fired', { elementId: timer.elementId, detail: { timerId, purpose: timer.purpose } });
    const execution = timer.executionId ? run.state.executions[timer.executionId] : undefined;
    if (execution) execution.armed = execution.armed.filter((id) => id !== timerId);
    switch (timer.purpose) {
      case 'timerEvent':
        return run.completeActivity(execution!);
      case 'eventGateway':
        return eventGatewayTriggered(run, execution!, timer.elementId);
      case 'boundary': {
        const boundary = run.element(timer.elementId);
        if (!boundary.interrupting) {
          const next = reschedule(run, timer);
          if (next) execution!.armed.push(next);
        }
        return fireBoundaryEvent(run, boundary, execution!);
      }
      case 'eventSubprocess': {
        const scope = run.state.scopes[timer.scopeId!]!;
        scope.armed = scope.armed.filter((id) => id !== timerId);
        if (!run.element(timer.elementId).interrupting) {
          const next = reschedule(run, timer);
          if (next) scope.armed.push(next);
        }
        return triggerEventSubProcess(run, scope.id, timer.elementId);
      }
      case 'reminder': {
        const task = run.state.tasks[timer.taskId!];
        if (!task) return;
        run.emit({ type: 'task.reminded', at: run.now, taskId: task.id, automatic: true });
        run.history('task.reminded', { elementId: task.elementId, taskId: task.id, detail: { automatic: true } });
        const every = parseDuration(run.element(task.elementId).userTask!.remindEvery!)!;
        const { id: _id, dueAt, ...fields } = timer;
        addTimer(run, { dueAt: addDuration(new Date(dueAt), every, run.definition.calendar).toISOString() }, fields);
        return;
      }
      case 'sla': {
        const task = run.state.tasks[timer.taskId!];
        if (!task) return;
        const role = run.element(task.elementId).userTask!.escalateTo;
        task.escalated = true;
        if (role && !task.candidateRoles.includes(role)) task.candidateRoles.push(role);
        run.emit({ type: 'task.escalated', at: run.now, taskId: task.id, ...(role ? { role } : {}) });
        run.emit({ type: 'task.updated', at: run.now, task: taskSnapshot(task), change: 'escalated' });
        run.history('task.escalated', { elementId: task.elementId, taskId: task.id, ...(role ? { detail: { role } } : {}) });
        return;
      }
    }
  });
}
