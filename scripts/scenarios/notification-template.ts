/**
 * Which template a notification in a user's inbox came from. The notification API has no template
 * field; the server titles a `notify.user` / `notify.role` message with its template key, and the
 * automatic task reminders and escalations with "Reminder: …" / "Escalated: …" and the task name.
 */
export interface InboxNotification {
  id: string;
  link: string | null;
  title: { 'zh-CN'?: string; en?: string } | string;
}

const taskNotices: Record<string, string> = { 'task.reminded': 'Reminder: ', 'task.escalated': 'Escalated: ' };

export function cameFromTemplate(notification: InboxNotification, template: string): boolean {
  const title = typeof notification.title === 'string' ? notification.title : (notification.title.en ?? '');
  const prefix = taskNotices[template];
  return prefix ? title.startsWith(prefix) : title === template;
}

/** Whether a notification concerns one of these instances (its link names the instance or one of its tasks); unlinked ones (record rules) count for everyone. */
export function belongsTo(notification: InboxNotification, instances: ReadonlySet<string>, tasks: ReadonlySet<string>): boolean {
  const link = /^\/(instances|tasks)\/([^/?#]+)/.exec(notification.link ?? '');
  if (!link) return true;
  return link[1] === 'instances' ? instances.has(link[2]!) : tasks.has(link[2]!);
}
