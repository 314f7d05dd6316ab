import { PlayCircleOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { FormRenderer, type FieldProblem, type FormRendererHandle } from '@tessera/ui';
import { App, Breadcrumb, Button, Card, Col, Empty, Input, Row, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/api-error';
import { fetchForm } from '../../api/forms';
import { fetchInstance, fetchProcess, fetchProcesses, startInstance } from '../../api/processes';
import { fetchTask } from '../../api/tasks';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { relationSearch } from '../../components/relation-search';
import { useLocale } from '../../i18n/locale-context';
import '../../components/work.css';
import { startableProcesses, type StartableProcess } from './startable-processes';
import { startFormKeyOf } from './start-form';
import { useAppManifests } from './use-app-manifests';

/** The processes the user may start, as cards. */
function ProcessChooser({ items }: { items: StartableProcess[] }) {
  const { t } = useLocale();
  if (items.length === 0) return <Empty description={t('start.none')} />;
  return (
    <Row gutter={[16, 16]} data-testid="startable-processes">
      {items.map((item) => (
        <Col key={item.process.key} xs={24} md={12} xl={8}>
          <Link to={`/start/${encodeURIComponent(item.process.key)}`} data-testid={`start-${item.process.key}`}>
            <Card hoverable className="tool-card">
              <div className="tool-card-icon">
                <PlayCircleOutlined />
              </div>
              <Typography.Text strong>{item.title}</Typography.Text>
              <Typography.Paragraph type="secondary" className="tool-card-hint">
                {item.appName}
              </Typography.Paragraph>
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

/** The start form of one process; submitting starts an instance and lands on its first task. */
function StartForm({ item }: { item: StartableProcess }) {
  const api = useApi();
  const { session } = useAuth();
  const { t, locale } = useLocale();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const renderer = useRef<FormRendererHandle>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [businessKey, setBusinessKey] = useState('');
  const search = useMemo(() => relationSearch(api), [api]);

  const formKey = useQuery({
    queryKey: ['start-form-key', item.process.key, item.process.version],
    queryFn: async () => item.process.startFormKey ?? startFormKeyOf((await fetchProcess(api, item.process.key)).xml),
  });
  const form = useQuery({ queryKey: ['form', formKey.data], queryFn: () => fetchForm(api, formKey.data!), enabled: !!formKey.data });

  const start = useMutation({
    mutationFn: (variables: Record<string, unknown>) => startInstance(api, item.process.key, { variables, businessKey: businessKey.trim() || undefined }),
    onSuccess: async (started) => {
      void message.success(t('start.started'));
      // Land on the first task the starter may work on, else on the instance.
      try {
        const instance = await fetchInstance(api, started.id);
        for (const task of instance.tasks.filter((candidate) => candidate.status === 'open')) {
          const visible = await fetchTask(api, task.id).then(() => true, () => false);
          if (visible) return navigate(`/tasks/${task.id}`);
        }
      } catch {
        // The instance page says what can be seen.
      }
      navigate(`/instances/${started.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError) setProblems(error.details.filter((detail) => detail.path).map((detail) => ({ path: detail.path!.replace(/^variables\./, ''), message: detail.message, code: detail.code })));
      const { title, details } = describeError(error);
      notification.error({ message: t('start.failed'), description: [title, ...details].join('\n'), style: { whiteSpace: 'pre-line' } });
    },
  });

  const submit = () => {
    let data: Record<string, unknown> = {};
    if (form.data && renderer.current) {
      if (!renderer.current.validate().valid) {
        setProblems([]);
        void message.error(t('task.fixErrors'));
        return;
      }
      data = renderer.current.data();
    }
    setProblems([]);
    start.mutate(data);
  };

  const loading = formKey.isLoading || (!!formKey.data && form.isLoading);
  return (
    <Card
      title={
        <Space>
          <span data-testid="start-title">{item.title}</span>
          <Tag>{item.appName}</Tag>
        </Space>
      }
      extra={
        <Button type="primary" icon={<SendOutlined />} loading={start.isPending} disabled={loading || form.isError} onClick={submit} data-testid="start-submit">
          {t('start.submit')}
        </Button>
      }
    >
      <div className="start-business-key">
        <Typography.Text>{t('start.businessKey')}</Typography.Text>
        <Input value={businessKey} onChange={(event) => setBusinessKey(event.target.value)} placeholder={t('start.businessKeyHint')} maxLength={200} data-testid="start-business-key" style={{ maxWidth: 320 }} />
      </div>
      {loading ? (
        <PageLoading />
      ) : formKey.isError ? (
        <ErrorAlert error={formKey.error} onRetry={() => void formKey.refetch()} />
      ) : form.isError ? (
        <ErrorAlert error={form.error} onRetry={() => void form.refetch()} />
      ) : form.data ? (
        <FormRenderer ref={renderer} form={form.data.definition} locale={locale} role={session?.user.roles} problems={problems} searchRelation={search} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('start.noForm')} />
      )}
      <div className="start-actions">
        <Button type="primary" icon={<SendOutlined />} loading={start.isPending} disabled={loading || form.isError} onClick={submit}>
          {t('start.submit')}
        </Button>
      </div>
    </Card>
  );
}

/** `/start` lists what the user may start; `/start/:processKey` shows that process's start form. */
export function StartProcessPage() {
  const { processKey } = useParams();
  const api = useApi();
  const { session } = useAuth();
  const { t, locale } = useLocale();
  const processes = useQuery({ queryKey: ['processes'], queryFn: () => fetchProcesses(api), staleTime: 5 * 60_000 });
  const manifests = useAppManifests();
  const items = processes.data ? startableProcesses(processes.data, manifests.byKey, session?.user.roles ?? [], locale) : [];
  const chosen = processKey ? items.find((item) => item.process.key === processKey) : undefined;

  let body;
  if (processes.isLoading || manifests.isLoading) body = <PageLoading />;
  else if (processes.isError) body = <ErrorAlert error={processes.error} onRetry={() => void processes.refetch()} />;
  else if (processKey && !chosen) body = <ErrorAlert error={new Error(t('start.notStartable', { key: processKey }))} />;
  else if (chosen) body = <StartForm key={chosen.process.key} item={chosen} />;
  else body = <ProcessChooser items={items} />;

  return (
    <div className="page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to="/workbench">{t('nav.workbench')}</Link> }, { title: processKey ? <Link to="/start">{t('start.title')}</Link> : t('start.title') }, ...(chosen ? [{ title: chosen.title }] : [])]}
      />
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {chosen ? chosen.title : t('start.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{chosen ? localize(chosen.process.title ?? chosen.process.name ?? chosen.process.key, locale) : t('start.subtitle')}</Typography.Text>
        </div>
      </div>
      {body}
    </div>
  );
}
