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

/** "2 小时后到期" / "已超时 3 天" — a due time relative to now, as the inbox shows it. */
export function dueText(dueMs: number, nowMs: number, locale: 'zh-CN' | 'en'): string {
  const minutes = Math.max(1, Math.round(Math.abs(dueMs - nowMs) / 60_000));
  const zh = locale === 'zh-CN';
  const [amount, unit] =
    minutes < 60
      ? [minutes, zh ? ' 分钟' : minutes === 1 ? ' minute' : ' minutes']
      : minutes < 48 * 60
        ? [Math.round(minutes / 60), zh ? ' 小时' : Math.round(minutes / 60) === 1 ? ' hour' : ' hours']
        : [Math.round(minutes / 1440), zh ? ' 天' : ' days'];
  if (dueMs >= nowMs) return zh ? `${amount}${unit}后到期` : `due in ${amount}${unit}`;
  return zh ? `已超时 ${amount}${unit}` : `${amount}${unit} overdue`;
}
