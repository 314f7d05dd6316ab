import type { IncidentState, TaskState, TimerPurpose } from './state';

export interface HistoryEvent {
  kind: string;
  at: string;
  elementId?: string;
  elementType?: string;
  executionId?: string;
  taskId?: string;
  name?: string;
  value?: unknown;
  by?: string;
  detail?: Record<string, unknown>;
}

export type TaskChange = 'claimed' | 'unclaimed' | 'delegated' | 'resolved' | 'transferred' | 'escalated';
export type TaskCancelReason =
  | 'boundary'
  | 'completionCondition'
  | 'returned'
  | 'withdrawn'
  | 'terminated'
  | 'signerAdded'
  | 'cancelled'
  | 'eventGateway'
  | 'interrupted';

/** What the shell must do after a command. Every effect carries the command's `now` as `at`. */
export type Effect =
  | { type: 'task.created'; at: string; task: TaskState }
  | { type: 'task.updated'; at: string; task: TaskState; change: TaskChange }
  | { type: 'task.completed'; at: string; taskId: string; elementId: string; by?: string; data: Record<string, unknown> }
  | { type: 'task.cancelled'; at: string; taskId: string; elementId: string; reason: TaskCancelReason }
  | { type: 'task.reminded'; at: string; taskId: string; by?: string; automatic: boolean }
  | { type: 'task.escalated'; at: string; taskId: string; role?: string }
  | { type: 'timer.scheduled'; at: string; timerId: string; dueAt: string; elementId: string; purpose: TimerPurpose }
  | { type: 'timer.cancelled'; at: string; timerId: string }
  | { type: 'job.requested'; at: string; jobId: string; elementId: string; jobType: string; variables: Record<string, unknown>; retry: number }
  | { type: 'job.cancelled'; at: string; jobId: string }
  | { type: 'message.awaited'; at: string; subscriptionId: string; name: string; correlationKey?: string; elementId: string }
  | { type: 'message.subscriptionCancelled'; at: string; subscriptionId: string }
  | { type: 'signal.awaited'; at: string; subscriptionId: string; name: string; elementId: string }
  | { type: 'signal.subscriptionCancelled'; at: string; subscriptionId: string }
  | { type: 'message.sent'; at: string; name: string; elementId: string; correlationKey?: string; payload: Record<string, unknown> }
  | { type: 'signal.thrown'; at: string; name: string; elementId: string; payload: Record<string, unknown> }
  | {
      type: 'callActivity.requested';
      at: string;
      callId: string;
      elementId: string;
      calledElement: string;
      businessKey?: string;
      variables: Record<string, unknown>;
    }
  | { type: 'callActivity.cancelled'; at: string; callId: string }
  | { type: 'rule.action'; at: string; elementId: string; action: unknown }
  | { type: 'incident.created'; at: string; incident: IncidentState }
  | { type: 'incident.resolved'; at: string; incidentId: string }
  | {
      type: 'instance.ended';
      at: string;
      outcome: 'completed' | 'terminated' | 'withdrawn' | 'cancelled';
      endEventId?: string;
      variables: Record<string, unknown>;
    }
  | { type: 'history'; at: string; event: HistoryEvent };

export type EffectType = Effect['type'];
