import { ClockCircleOutlined, PlayCircleOutlined, RiseOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { Alert, Button, Card, Empty, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import { fetchInbox, type InboxView, type TaskSummary } from '../../api/tasks';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/PageState';
import { useServerNow } from '../../components/server-clock';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import '../../components/work.css';
import type { MessageKey } from '../../i18n/messages';
import { dueText, slaColour, slaState } from './sla';
import { useProcessTitles } from './use-process-titles';

const views: Array<{ key: InboxView; label: MessageKey }> = [
  { key: 'mine', label: 'inbox.mine' },
  { key: 'candidate', label: 'inbox.candidate' },
  { key: 'overdue', label: 'inbox.overdue' },
  { key: 'escalated', label: 'inbox.escalated' },
  { key: 'started', label: 'inbox.started' },
  { key: 'done', label: 'inbox.done' },
];

function isView(value: string | null): value is InboxView {
  return views.some((view) => view.key === value);
}

function InboxTable({ view }: { view: InboxView }) {
  const api = useApi();
  const { t, locale } = useLocale();
  const serverNow = useServerNow();
  const processTitle = useProcessTitles();
  const inbox = useQuery({ queryKey: ['tasks', view], queryFn: () => fetchInbox(api, view), retry: (count, error) => !(error instanceof ApiError && error.status === 400) && count < 2 });
  const now = serverNow();

  if (inbox.isError) {
    // A server without the escalated view refuses the unknown view; say so instead of an error.
    if (view === 'escalated' && inbox.error instanceof ApiError && inbox.error.status === 400) {
      return <Alert type="info" showIcon message={t('inbox.escalatedUnavailable')} data-testid="inbox-escalated-unavailable" />;
    }
    return <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />;
  }
  return (
    <div data-testid={`inbox-${view}`}>
      <Table<TaskSummary>
        rowKey="id"
        size="middle"
        loading={inbox.isLoading}
        dataSource={inbox.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(view === 'escalated' ? 'inbox.emptyEscalated' : 'inbox.empty')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        rowClassName={(task) => (task.escalated ? 'inbox-row-escalated' : '')}
        columns={[
          {
            title: t('inbox.task'),
            key: 'name',
            render: (_, task) => (
              <Space size={4} wrap>
                <Link to={`/tasks/${task.id}`} className="inbox-task-link">
                  {localize(task.name, locale)}
                </Link>
                {task.escalated && (
                  <Tooltip title={task.escalatedAt ? t('inbox.escalatedAt', { at: formatDateTime(task.escalatedAt, locale) }) : undefined}>
                    <Tag color="red" icon={<RiseOutlined />} data-testid="escalated-tag">
                      {t('inbox.escalatedTag')}
                    </Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          {
            title: t('inbox.process'),
            key: 'process',
            render: (_, task) => processTitle(task.processKey, task.processTitle ?? task.processName),
          },
          {
            title: t('inbox.businessKey'),
            dataIndex: 'businessKey',
            render: (value: string | null | undefined) => value || '—',
          },
          view === 'escalated'
            ? {
                title: t('inbox.escalatedColumn'),
                key: 'escalatedAt',
                width: 170,
                render: (_: unknown, task: TaskSummary) => (task.escalatedAt ? <Typography.Text type="danger">{formatDateTime(task.escalatedAt, locale)}</Typography.Text> : '—'),
              }
            : {
                title: view === 'done' ? t('inbox.completedAt') : t('inbox.createdAt'),
                key: 'createdAt',
                width: 170,
                render: (_: unknown, task: TaskSummary) => formatDateTime(view === 'done' ? (task.completedAt ?? task.createdAt) : task.createdAt, locale),
              },
          {
            title: t('inbox.dueAt'),
            key: 'due',
            width: 200,
            render: (_, task) => {
              const state = slaState(task, new Date(now));
              if (state === 'none') return '—';
              if (state === 'done') return <Tag color={slaColour.done}>{t('inbox.sla.done')}</Tag>;
              return (
                <Tooltip title={formatDateTime(task.dueAt, locale)}>
                  <Tag color={slaColour[state]} icon={<ClockCircleOutlined />} data-sla={state}>
                    {dueText(Date.parse(task.dueAt!), now, locale)}
                  </Tag>
                </Tooltip>
              );
            },
          },
        ]}
      />
    </div>
  );
}

export function WorkbenchPage() {
  const { t } = useLocale();
  const { session } = useAuth();
  const [params, setParams] = useSearchParams();
  const requested = params.get('view');
  const view: InboxView = isView(requested) ? requested : 'mine';

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('inbox.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('inbox.greeting', { name: session?.user.displayName || session?.user.username || '' })}
          </Typography.Text>
        </div>
        <Link to="/start" data-testid="start-process-link">
          <Button type="primary" icon={<PlayCircleOutlined />}>
            {t('start.button')}
          </Button>
        </Link>
      </div>
      <Card>
        <Tabs
          activeKey={view}
          onChange={(key) => setParams({ view: key })}
          items={views.map((item) => ({
            key: item.key,
            label: t(item.label),
            children: item.key === view ? <InboxTable view={item.key} /> : null,
          }))}
        />
      </Card>
    </div>
  );
}
