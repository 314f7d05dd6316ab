import { BellOutlined, CheckOutlined, LoginOutlined, RiseOutlined, RollbackOutlined, SendOutlined, UndoOutlined, UserAddOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { FormRenderer, ProcessDiagram, type FieldProblem, type FormRendererHandle } from '@tessera/ui';
import { App, AutoComplete, Breadcrumb, Button, Card, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/api-error';
import { fetchInstance, fetchProcess } from '../../api/processes';
import { fetchTask, operateTask, type TaskOperation } from '../../api/tasks';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { ProcessHistory } from '../../components/ProcessHistory';
import { relationSearch } from '../../components/relation-search';
import { useServerNow } from '../../components/server-clock';
import { useUserDirectory } from '../../components/user-directory';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import { roleLabel } from './role-labels';
import { dueText, slaColour, slaState } from './sla';
import { useAppManifest } from './use-app-manifests';
import { useProcessTitles } from './use-process-titles';

type Dialog = null | 'transfer' | 'return' | 'add-signer';

export function TaskPage() {
  const { taskId } = useParams();
  const api = useApi();
  const { session } = useAuth();
  const { t, locale } = useLocale();
  const { message, notification, modal } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const renderer = useRef<FormRendererHandle>(null);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [dialogForm] = Form.useForm();
  const directory = useUserDirectory();
  const processTitle = useProcessTitles();
  const serverNow = useServerNow();
  const search = useMemo(() => relationSearch(api), [api]);

  const task = useQuery({ queryKey: ['task', taskId], queryFn: () => fetchTask(api, taskId!) });
  const instance = useQuery({ queryKey: ['instance', task.data?.instanceId], queryFn: () => fetchInstance(api, task.data!.instanceId), enabled: !!task.data });
  const process = useQuery({ queryKey: ['process', task.data?.processKey], queryFn: () => fetchProcess(api, task.data!.processKey), enabled: !!task.data, retry: false });
  const manifest = useAppManifest(task.data?.appKey);

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
      const hint = error instanceof ApiError ? ({ 409: t('task.conflictHint'), 403: t('task.forbiddenHint') } as Record<number, string>)[error.status] : undefined;
      notification.error({ message: t('task.failed'), description: [title, ...details, ...(hint ? [hint] : [])].join('\n'), style: { whiteSpace: 'pre-line' } });
      // Someone else moved the task on, or it is no longer ours: show where it stands now.
      if (error instanceof ApiError && [403, 404, 409].includes(error.status)) void queryClient.invalidateQueries({ queryKey: ['task', taskId] });
    },
  });

  if (task.isLoading) return <PageLoading />;
  if (task.isError || !task.data) return <ErrorAlert error={task.error} onRetry={() => void task.refetch()} />;
  const current = task.data;
  const open = current.status === 'open';
  const mine = current.assignee === session?.user.username;
  const unassigned = !current.assignee;
  const now = serverNow();
  const sla = slaState(current, new Date(now));
  const title = processTitle(current.processKey, current.processTitle);
  const candidates = (current.candidateRoles ?? []).map((role) => roleLabel(role, locale, current.candidateRoleLabels, manifest?.manifest.roles));
  const stepName = (elementId: string) => {
    const task = instance.data?.tasks.find((item) => item.elementId === elementId);
    return task ? localize(task.name, locale) : elementId === current.elementId ? localize(current.name, locale) : elementId;
  };
  const userOptions = directory.users.filter((user) => user.username !== session?.user.username).map((user) => ({ value: user.username, label: `${user.displayName}（${user.username}）` }));
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
    modal.confirm({
      title: t('task.completeConfirm'),
      content: t('task.completeConfirmHint', { step: localize(current.name, locale) }),
      okText: t('task.complete'),
      cancelText: t('record.cancel'),
      onOk: () => operate.mutate({ kind: 'complete', data }),
    });
  };

  return (
    <div className="page">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/workbench">{t('nav.workbench')}</Link> }, { title }, { title: localize(current.name, locale) }]} />
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title" data-testid="task-title">
            {localize(current.name, locale)}
          </Typography.Title>
          <Space size="small" wrap>
            <Tag color={open ? 'processing' : 'default'}>{t(open ? 'task.open' : 'task.closed')}</Tag>
            {current.escalated && (
              <Tag color="red" icon={<RiseOutlined />} data-testid="task-escalated">
                {current.escalatedAt ? t('inbox.escalatedAt', { at: formatDateTime(current.escalatedAt, locale) }) : t('inbox.escalatedTag')}
              </Tag>
            )}
            {current.dueAt && open && <Tag color={slaColour[sla]} title={formatDateTime(current.dueAt, locale)}>{dueText(Date.parse(current.dueAt), now, locale)}</Tag>}
            <Typography.Text type="secondary" data-testid="task-process">{`${title}${current.businessKey ? ` · ${current.businessKey}` : ''} · ${t('task.assignee')}：${current.assignee ? directory.name(current.assignee) : t('task.unassigned')}`}</Typography.Text>
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
              <Popconfirm title={t('task.withdrawConfirm')} okText={t('task.withdraw')} cancelText={t('record.cancel')} onConfirm={() => operate.mutate({ kind: 'withdraw' })}>
                <Button icon={<UndoOutlined />}>{t('task.withdraw')}</Button>
              </Popconfirm>
            )}
            <Popconfirm title={t('task.remindConfirm')} okText={t('task.remind')} cancelText={t('record.cancel')} onConfirm={() => operate.mutate({ kind: 'remind' })}>
              <Button icon={<BellOutlined />}>{t('task.remind')}</Button>
            </Popconfirm>
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
              <FormRenderer ref={renderer} form={current.form} initialData={current.data ?? {}} locale={locale} role={session?.user.roles} step={current.step} readOnly={!open || (!mine && !unassigned)} problems={problems} searchRelation={search} />
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
              <Descriptions.Item label={t('inbox.process')}>{title}</Descriptions.Item>
              <Descriptions.Item label={t('inbox.businessKey')}>{current.businessKey ?? instance.data?.businessKey ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('task.startedBy')}>{instance.data ? directory.name(instance.data.startedBy) : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('inbox.createdAt')}>{formatDateTime(current.createdAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('inbox.dueAt')}>{formatDateTime(current.dueAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('task.candidates')}>
                <span data-testid="task-candidates">{candidates.join('、') || '—'}</span>
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('task.history')} className="task-card" data-testid="task-history">
            {instance.data ? (
              <ProcessHistory history={instance.data.history} stepName={stepName} />
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
              <AutoComplete options={userOptions} filterOption={(input, option) => `${option?.value ?? ''}${option?.label ?? ''}`.toLowerCase().includes(input.toLowerCase())} placeholder={t('task.userPlaceholder')} />
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
                <AutoComplete options={userOptions} filterOption={(input, option) => `${option?.value ?? ''}${option?.label ?? ''}`.toLowerCase().includes(input.toLowerCase())} placeholder={t('task.userPlaceholder')} />
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
