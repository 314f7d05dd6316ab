import { Empty, Timeline, Typography } from 'antd';
import type { HistoryEntry } from '../api/processes';
import { formatDateTime } from '../i18n/format';
import { useLocale } from '../i18n/locale-context';
import type { MessageKey } from '../i18n/messages';
import { useUserDirectory } from './user-directory';

/** History kinds a person reads in the timeline, with their words; the engine's inner steps are left out. */
const SHOWN: Record<string, { label: MessageKey; colour: string }> = {
  'instance.started': { label: 'history.started', colour: 'blue' },
  'task.created': { label: 'history.taskCreated', colour: 'blue' },
  'task.claimed': { label: 'history.taskClaimed', colour: 'blue' },
  'task.unclaimed': { label: 'history.taskUnclaimed', colour: 'gray' },
  'task.completed': { label: 'history.taskCompleted', colour: 'green' },
  'task.transferred': { label: 'history.taskTransferred', colour: 'blue' },
  'task.delegated': { label: 'history.taskDelegated', colour: 'blue' },
  'task.resolved': { label: 'history.taskResolved', colour: 'green' },
  'task.returned': { label: 'history.taskReturned', colour: 'orange' },
  'task.reminded': { label: 'history.taskReminded', colour: 'orange' },
  'task.escalated': { label: 'history.taskEscalated', colour: 'red' },
  'task.withdrawn': { label: 'history.taskWithdrawn', colour: 'gray' },
  'task.cancelled': { label: 'history.taskCancelled', colour: 'gray' },
  'timer.fired': { label: 'history.timerFired', colour: 'orange' },
  'incident.created': { label: 'history.incident', colour: 'red' },
  'instance.ended': { label: 'history.ended', colour: 'green' },
  'instance.cancelled': { label: 'history.instanceCancelled', colour: 'gray' },
};

interface Detail {
  from?: string | null;
  to?: string;
  comment?: string;
  automatic?: boolean;
}

/** An instance's history as a timeline: who did what at which step, with names a person knows. */
export function ProcessHistory({ history, stepName }: { history: HistoryEntry[]; stepName(elementId: string): string }) {
  const { t, locale } = useLocale();
  const directory = useUserDirectory();
  const shown = history.filter((entry) => SHOWN[entry.kind]);
  if (shown.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.empty')} />;
  return (
    <Timeline
      className="process-history"
      items={shown.map((entry) => {
        const kind = SHOWN[entry.kind]!;
        const detail = ((entry.event as { detail?: Detail } | null)?.detail ?? {}) as Detail;
        const notes: string[] = [];
        if ((entry.kind === 'task.transferred' || entry.kind === 'task.delegated') && detail.to) notes.push(t('history.to', { name: directory.name(detail.to) }));
        if (entry.kind === 'task.returned' && detail.to) notes.push(t('history.returnedTo', { step: stepName(detail.to) }));
        if (entry.kind === 'task.reminded' && detail.automatic) notes.push(t('history.automatic'));
        if (detail.comment) notes.push(`“${detail.comment}”`);
        return {
          color: kind.colour,
          children: (
            <div data-kind={entry.kind}>
              <Typography.Text strong={entry.kind === 'task.escalated'}>{t(kind.label)}</Typography.Text>
              {entry.elementId && entry.kind.startsWith('task.') && <Typography.Text type="secondary">{` · ${stepName(entry.elementId)}`}</Typography.Text>}
              {notes.length > 0 && <div className="timeline-note">{notes.join('，')}</div>}
              <div className="timeline-meta">{`${formatDateTime(entry.at, locale)}${entry.by ? ` · ${directory.name(entry.by)}` : entry.kind === 'task.escalated' || entry.kind === 'timer.fired' ? ` · ${t('history.system')}` : ''}`}</div>
            </div>
          ),
        };
      })}
    />
  );
}
