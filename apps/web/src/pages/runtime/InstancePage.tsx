import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { ProcessDiagram } from '@tessera/ui';
import { Breadcrumb, Card, Col, Descriptions, List, Row, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { fetchInstance, fetchProcess } from '../../api/processes';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { ProcessHistory } from '../../components/ProcessHistory';
import { useUserDirectory } from '../../components/user-directory';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import '../../components/work.css';
import type { MessageKey } from '../../i18n/messages';
import { roleLabel } from './role-labels';
import { useAppManifest } from './use-app-manifests';
import { useProcessTitles } from './use-process-titles';

const STATUS: Record<string, { label: MessageKey; colour: string }> = {
  active: { label: 'instance.active', colour: 'processing' },
  completed: { label: 'instance.completed', colour: 'success' },
  cancelled: { label: 'instance.cancelled', colour: 'default' },
  incident: { label: 'instance.incident', colour: 'error' },
};

/** One process instance: where it stands, its open tasks, its diagram and its history. */
export function InstancePage() {
  const { instanceId } = useParams();
  const api = useApi();
  const { t, locale } = useLocale();
  const directory = useUserDirectory();
  const processTitle = useProcessTitles();
  const instance = useQuery({ queryKey: ['instance', instanceId], queryFn: () => fetchInstance(api, instanceId!) });
  const process = useQuery({ queryKey: ['process', instance.data?.processKey], queryFn: () => fetchProcess(api, instance.data!.processKey), enabled: !!instance.data, retry: false });
  const manifest = useAppManifest(instance.data?.appKey);

  if (instance.isLoading) return <PageLoading />;
  if (instance.isError || !instance.data) return <ErrorAlert error={instance.error} onRetry={() => void instance.refetch()} />;
  const current = instance.data;
  const title = processTitle(current.processKey, current.processTitle);
  const open = current.tasks.filter((task) => task.status === 'open');
  const stepName = (elementId: string) => {
    const task = current.tasks.find((item) => item.elementId === elementId);
    return task ? localize(task.name, locale) : elementId;
  };
  const status = STATUS[current.status];

  return (
    <div className="page">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/workbench">{t('nav.workbench')}</Link> }, { title }]} />
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title" data-testid="instance-title">
            {title}
          </Typography.Title>
          <InstanceTags status={status ? <Tag color={status.colour}>{t(status.label)}</Tag> : <Tag>{current.status}</Tag>} businessKey={current.businessKey} />
        </div>
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t('instance.openTasks')} className="task-card">
            <List
              dataSource={open}
              locale={{ emptyText: t('instance.noOpenTasks') }}
              renderItem={(task) => (
                <List.Item>
                  <Link to={`/tasks/${task.id}`}>{localize(task.name, locale)}</Link>
                  <Typography.Text type="secondary">
                    {task.assignee ? directory.name(task.assignee) : (task.candidateRoles ?? []).map((role) => roleLabel(role, locale, task.candidateRoleLabels, manifest?.manifest.roles)).join('、') || t('task.unassigned')}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
          <Card title={t('task.diagram')} className="task-card">
            {process.data ? (
              <ProcessDiagram xml={process.data.xml} locale={locale} activeElementIds={open.map((task) => task.elementId)} completedElementIds={current.tasks.filter((task) => task.status === 'completed').map((task) => task.elementId)} />
            ) : process.isError ? (
              <ErrorAlert error={process.error} />
            ) : (
              <PageLoading />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={t('task.details')} className="task-card">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('inbox.businessKey')}>{current.businessKey ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('task.startedBy')}>{directory.name(current.startedBy)}</Descriptions.Item>
              <Descriptions.Item label={t('instance.startedAt')}>{formatDateTime(current.startedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('instance.endedAt')}>{formatDateTime(current.endedAt, locale)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('task.history')} className="task-card" data-testid="instance-history">
            <ProcessHistory history={current.history} stepName={stepName} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function InstanceTags({ status, businessKey }: { status: React.ReactNode; businessKey: string | null }) {
  return (
    <div className="page-header-tags">
      {status}
      {businessKey && <Typography.Text type="secondary">{businessKey}</Typography.Text>}
    </div>
  );
}
