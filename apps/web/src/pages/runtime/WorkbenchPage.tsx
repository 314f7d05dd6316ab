import { ClockCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { Card, Empty, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { fetchInbox, type InboxView, type TaskSummary } from '../../api/tasks';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/PageState';
import { formatDateTime, formatDistance } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import { slaColour, slaState } from './sla';

const views: Array<{ key: InboxView; label: MessageKey }> = [
  { key: 'mine', label: 'inbox.mine' },
  { key: 'candidate', label: 'inbox.candidate' },
  { key: 'overdue', label: 'inbox.overdue' },
  { key: 'started', label: 'inbox.started' },
  { key: 'done', label: 'inbox.done' },
];

function isView(value: string | null): value is InboxView {
  return views.some((view) => view.key === value);
}

function InboxTable({ view }: { view: InboxView }) {
  const api = useApi();
  const { t, locale } = useLocale();
  const inbox = useQuery({ queryKey: ['tasks', view], queryFn: () => fetchInbox(api, view) });
  const now = Date.now();

  if (inbox.isError) return <ErrorAlert error={inbox.error} onRetry={() => void inbox.refetch()} />;
  return (
    <div data-testid={`inbox-${view}`}>
      <Table<TaskSummary>
        rowKey="id"
        size="middle"
        loading={inbox.isLoading}
        dataSource={inbox.data ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('inbox.empty')} /> }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('inbox.task'),
            key: 'name',
            render: (_, task) => (
              <Link to={`/tasks/${task.id}`} className="inbox-task-link">
                {localize(task.name, locale)}
              </Link>
            ),
          },
          {
            title: t('inbox.process'),
            key: 'process',
            render: (_, task) => (task.processName ? localize(task.processName, locale) : (task.processKey ?? '—')),
          },
          {
            title: t('inbox.businessKey'),
            dataIndex: 'businessKey',
            render: (value: string | null | undefined) => value || '—',
          },
          {
            title: t('inbox.createdAt'),
            dataIndex: 'createdAt',
            render: (value: string) => formatDateTime(value, locale),
            width: 170,
          },
          {
            title: t('inbox.dueAt'),
            key: 'due',
            width: 240,
            render: (_, task) => {
              const state = slaState(task, new Date(now));
              if (state === 'none') return '—';
              if (state === 'done') return <Tag color={slaColour.done}>{t('inbox.sla.done')}</Tag>;
              return (
                <Tooltip title={formatDateTime(task.dueAt, locale)}>
                  <Tag color={slaColour[state]} icon={<ClockCircleOutlined />} data-sla={state}>
                    {formatDistance(now, Date.parse(task.dueAt!), locale)}
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
