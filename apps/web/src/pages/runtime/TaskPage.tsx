import { CheckOutlined, RollbackOutlined, SendOutlined, UserAddOutlined, BellOutlined, UndoOutlined, LoginOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { FormRenderer, ProcessDiagram, type FieldProblem, type FormRendererHandle } from '@tessera/ui';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Radio, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/api-error';
import { fetchInstance, fetchProcess, type HistoryEntry } from '../../api/processes';
import { fetchTask, operateTask, type TaskOperation } from '../../api/tasks';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import { slaColour, slaState } from './sla';

type Dialog = null | 'transfer' | 'return' | 'add-signer';

function historyLabel(entry: HistoryEntry, t: (key: MessageKey) => string): string {
  const known: Record<string, MessageKey> = {
    'instance.started': 'history.started',
    'instance.ended': 'history.ended',
    'task.created': 'history.taskCreated',
    'task.completed': 'history.taskCompleted',
    'task.claimed': 'history.taskClaimed',
    'task.transferred': 'history.taskTransferred',
    'task.returned': 'history.taskReturned',
    'task.reminded': 'history.taskReminded',
    'task.escalated': 'history.taskEscalated',
  };
  return known[entry.kind] ? t(known[entry.kind]!) : entry.kind;
}

export function TaskPage() {
  const { taskId } = useParams();
  const api = useApi();
  const { session } = useAuth();
  const { t, locale } = useLocale();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const renderer = useRef<FormRendererHandle>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogForm] = Form.useForm();

  const task = useQuery({ queryKey: ['task', taskId], queryFn: () => fetchTask(api, taskId!) });
  const instance = useQuery({ queryKey: ['instance', task.data?.instanceId], queryFn: () => fetchInstance(api, task.data!.instanceId), enabled: !!task.data });
  const process = useQuery({ queryKey: ['process', task.data?.processKey], queryFn: () => fetchProcess(api, task.data!.processKey), enabled: !!task.data, retry: false });

  const operate = useMutation({
    mutationFn: (operation: TaskOperation) => operateTask(api, taskId!, operation),
    onSuccess: (_, operation) => {
      void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      void queryClient.invalidateQueries({ queryKey: ['task', taskId] });
      void message.success(t(`task.done.${operation.kind}` as MessageKey));
      setDialog(null);
      if (['complete', 'transfer', 'return', 'withdraw', 'delegate'].includes(operation.kind)) navigate('/workbench');
    },
    onError: (error) => {
      if (error instanceof ApiError) setProblems(error.details.filter((detail) => detail.path).map((detail) => ({ path: detail.path!, message: detail.message, code: detail.code })));
      const { title, details } = describeError(error);
      notification.error({ message: t('task.failed'), description: [title, ...details].join('\n'), style: { whiteSpace: 'pre-line' } });
    },
  });

  if (task.isLoading) return <PageLoading />;
  if (task.isError || !task.data) return <ErrorAlert error={task.error} onRetry={() => void task.refetch()} />;
  const current = task.data;
  const open = current.status === 'open';
  const mine = current.assignee === session?.user.username;
  const unassigned = !current.assignee;
  const sla = slaState(current, new Date());
  const completedSteps = (instance.data?.tasks ?? []).filter((item) => item.status === 'completed' && item.elementId !== current.elementId);
  const returnTargets = [...new Map(completedSteps.map((item) => [item.elementId, item])).values()];

  const complete = () => {
    let data: Record<string, unknown> = {};
    if (current.form && renderer.current) {
      const result = renderer.current.validate();
      if (!result.valid) {
        setProblems([]);
        void message.error(t('task.fixErrors'));
        return;
      }
      data = renderer.current.data();
    }
    setProblems([]);
    operate.mutate({ kind: 'complete', data });
  };

  return (
    <div className="page">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/workbench">{t('nav.workbench')}</Link> }, { title: localize(current.name, locale) }]} />
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title" data-testid="task-title">
            {localize(current.name, locale)}
          </Typography.Title>
          <Space size="small" wrap>
            <Tag color={open ? 'processing' : 'default'}>{t(open ? 'task.open' : 'task.closed')}</Tag>
            {current.dueAt && <Tag color={slaColour[sla]}>{`${t('inbox.dueAt')}：${formatDateTime(current.dueAt, locale)}`}</Tag>}
            <Typography.Text type="secondary">{`${current.processKey} · ${t('task.assignee')}：${current.assignee ?? t('task.unassigned')}`}</Typography.Text>
          </Space>
        </div>
        {open && (
          <Space wrap>
            {unassigned && (
              <Button icon={<LoginOutlined />} onClick={() => operate.mutate({ kind: 'claim' })} data-testid="task-claim">
                {t('task.claim')}
              </Button>
            )}
            <Button icon={<UserAddOutlined />} onClick={() => setDialog('add-signer')} disabled={!mine && !unassigned}>
              {t('task.addSigner')}
            </Button>
            <Button icon={<SendOutlined />} onClick={() => setDialog('transfer')} disabled={!mine && !unassigned}>
              {t('task.transfer')}
            </Button>
            <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')} disabled={returnTargets.length === 0}>
              {t('task.return')}
            </Button>
            {instance.data?.startedBy === session?.user.username && (
              <Button icon={<UndoOutlined />} onClick={() => operate.mutate({ kind: 'withdraw' })}>
                {t('task.withdraw')}
              </Button>
            )}
            <Button icon={<BellOutlined />} onClick={() => operate.mutate({ kind: 'remind' })}>
              {t('task.remind')}
            </Button>
            <Button type="primary" icon={<CheckOutlined />} loading={operate.isPending} onClick={complete} data-testid="task-complete">
              {t('task.complete')}
            </Button>
          </Space>
        )}
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card title={t('task.form')} className="task-card">
            {current.form ? (
              <FormRenderer ref={renderer} form={current.form} initialData={current.data ?? {}} locale={locale} role={session?.user.roles} step={current.step} readOnly={!open} problems={problems} />
            ) : (
              <Empty description={t('task.noForm')} />
            )}
          </Card>
          <Card title={t('task.diagram')} className="task-card">
            {process.data ? (
              <ProcessDiagram
                xml={process.data.xml}
                locale={locale}
                activeElementIds={instance.data ? instance.data.tasks.filter((item) => item.status === 'open').map((item) => item.elementId) : open ? [current.elementId] : []}
                completedElementIds={completedSteps.map((item) => item.elementId)}
              />
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
              <Descriptions.Item label={t('inbox.businessKey')}>{instance.data?.businessKey ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('task.startedBy')}>{instance.data?.startedBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inbox.createdAt')}>{formatDateTime(current.createdAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('task.candidates')}>{current.candidateRoles?.join('、') || '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('task.history')} className="task-card" data-testid="task-history">
            {instance.data ? (
              <Timeline
                items={instance.data.history.map((entry) => ({
                  color: entry.kind.endsWith('completed') || entry.kind === 'instance.ended' ? 'green' : entry.kind.includes('escalated') ? 'red' : 'blue',
                  children: (
                    <div>
                      <Typography.Text>{historyLabel(entry, t)}</Typography.Text>
                      {entry.elementId && <Typography.Text type="secondary">{` · ${instance.data!.tasks.find((item) => item.elementId === entry.elementId) ? localize(instance.data!.tasks.find((item) => item.elementId === entry.elementId)!.name, locale) : entry.elementId}`}</Typography.Text>}
                      <div className="timeline-meta">{`${formatDateTime(entry.at, locale)}${entry.by ? ` · ${entry.by}` : ''}`}</div>
                    </div>
                  ),
                }))}
              />
            ) : instance.isError ? (
              instance.error instanceof ApiError && instance.error.status === 404 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.historyUnavailable')} />
              ) : (
                <ErrorAlert error={instance.error} />
              )
            ) : (
              <PageLoading />
            )}
          </Card>
        </Col>
      </Row>
      <Modal
        open={dialog !== null}
        title={dialog ? t(`task.${dialog === 'add-signer' ? 'addSigner' : dialog}` as MessageKey) : ''}
        confirmLoading={operate.isPending}
        onCancel={() => setDialog(null)}
        onOk={() =>
          void dialogForm.validateFields().then((values: { to?: string; toElementId?: string; user?: string; position?: 'before' | 'after'; comment?: string }) => {
            if (dialog === 'transfer') operate.mutate({ kind: 'transfer', to: values.to! });
            if (dialog === 'return') operate.mutate({ kind: 'return', toElementId: values.toElementId!, comment: values.comment });
            if (dialog === 'add-signer') operate.mutate({ kind: 'add-signer', user: values.user!, position: values.position ?? 'after' });
          })
        }
        destroyOnHidden
      >
        <Form form={dialogForm} layout="vertical" preserve={false}>
          {dialog === 'transfer' && (
            <Form.Item name="to" label={t('task.transferTo')} rules={[{ required: true, message: t('task.userRequired') }]}>
              <Input />
            </Form.Item>
          )}
          {dialog === 'return' && (
            <>
              <Form.Item name="toElementId" label={t('task.returnTo')} rules={[{ required: true, message: t('task.stepRequired') }]}>
                <Select options={returnTargets.map((item) => ({ value: item.elementId, label: localize(item.name, locale) }))} />
              </Form.Item>
              <Form.Item name="comment" label={t('task.comment')}>
                <Input.TextArea autoSize={{ minRows: 2 }} />
              </Form.Item>
            </>
          )}
          {dialog === 'add-signer' && (
            <>
              <Form.Item name="user" label={t('task.signer')} rules={[{ required: true, message: t('task.userRequired') }]}>
                <Input />
              </Form.Item>
              <Form.Item name="position" label={t('task.signerPosition')} initialValue="after">
                <Radio.Group
                  options={[
                    { value: 'before', label: t('task.signerBefore') },
                    { value: 'after', label: t('task.signerAfter') },
                  ]}
                />
              </Form.Item>
            </>
          )}
        </Form>
      </Modal>
    </div>
  );
}
