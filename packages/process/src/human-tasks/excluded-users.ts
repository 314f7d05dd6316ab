import { ProcessError } from '../runtime/process-error';
import type { TaskState } from '../runtime/state';

/** How an excluded user would have come to the task: acting on it, or being handed it. */
export type ExcludedRole = 'actor' | 'assignee';

/**
 * Maker-checker (四眼原则): a user the task's `tessera:excludeUsers` named when it was created may
 * neither act on it nor be given it, whatever roles they hold.
 */
export function refuseExcludedUser(task: TaskState, user: string | undefined, role: ExcludedRole): void {
  if (!user || !task.excludedUsers?.includes(user)) return;
  const messages =
    role === 'actor'
      ? { 'zh-CN': `${user} 不得处理任务 ${task.elementId}（四眼原则排除）`, en: `${user} is excluded from task ${task.elementId} and may not act on it (maker-checker)` }
      : { 'zh-CN': `任务 ${task.elementId} 不能交给 ${user}（四眼原则排除）`, en: `task ${task.elementId} cannot be given to ${user}, who is excluded from it (maker-checker)` };
  throw new ProcessError('task.userExcluded', messages, { taskId: task.id, elementId: task.elementId });
}
