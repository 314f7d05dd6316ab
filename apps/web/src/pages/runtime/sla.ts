/** How close a task is to its due time, for the inbox's colours. */
export type SlaState = 'none' | 'onTrack' | 'dueSoon' | 'overdue' | 'done';

/** Due within this share of the task's whole allowance counts as "due soon". */
const DUE_SOON_SHARE = 0.25;
const DUE_SOON_MIN_MS = 4 * 60 * 60 * 1000;

export function slaState(task: { createdAt: string; dueAt?: string | null; completedAt?: string | null }, now: Date): SlaState {
  if (task.completedAt) return 'done';
  if (!task.dueAt) return 'none';
  const due = Date.parse(task.dueAt);
  const created = Date.parse(task.createdAt);
  if (Number.isNaN(due)) return 'none';
  const left = due - now.getTime();
  if (left < 0) return 'overdue';
  const allowance = Number.isNaN(created) ? 0 : due - created;
  return left <= Math.max(allowance * DUE_SOON_SHARE, Math.min(DUE_SOON_MIN_MS, allowance)) ? 'dueSoon' : 'onTrack';
}

export const slaColour: Record<SlaState, string> = {
  none: 'default',
  onTrack: 'green',
  dueSoon: 'orange',
  overdue: 'red',
  done: 'blue',
};
