import { EditOutlined, IdcardOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { compileForm } from '@tessera/forms';
import { localize } from '@tessera/rules';
import { displayValue, FormRenderer, type FieldProblem, type FormRendererHandle } from '@tessera/ui';
import { Alert, App, Breadcrumb, Button, Card, Col, Descriptions, Empty, Row, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/api-error';
import { fetchForm } from '../../api/forms';
import { fetchRecord, fetchRecordAudit, updateRecord, type RecordDetail } from '../../api/records';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { relationSearch } from '../../components/relation-search';
import { useUserDirectory } from '../../components/user-directory';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import '../../components/work.css';
import type { MessageKey } from '../../i18n/messages';
import { auditSteps, type FieldChange } from './audit-diff';

const ACTIONS: Record<string, { label: MessageKey; colour: string }> = {
  'record.create': { label: 'record.audit.create', colour: 'green' },
  'record.update': { label: 'record.audit.update', colour: 'blue' },
  'record.delete': { label: 'record.audit.delete', colour: 'red' },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The record's audit history as a timeline of field changes, projected for the reader. */
function RecordAudit({ formDefinition, formKey, recordId, revision }: { formDefinition: Parameters<typeof compileForm>[0]; formKey: string; recordId: string; revision: number }) {
  const api = useApi();
  const { session } = useAuth();
  const { t, locale } = useLocale();
  const directory = useUserDirectory();
  const audit = useQuery({ queryKey: ['audit', formKey, recordId, revision], queryFn: () => fetchRecordAudit(api, formKey, recordId), retry: false });
  const compiled = useMemo(() => compileForm(formDefinition), [formDefinition]);

  if (audit.isLoading) return <PageLoading />;
  if (audit.isError) {
    if (audit.error instanceof ApiError && audit.error.status === 403) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('record.audit.forbidden')} />;
    return <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />;
  }
  const steps = auditSteps(audit.data ?? [], compiled, session?.user.roles ?? []);
  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('record.audit.empty')} />;
  const actorName = (actor: string) => {
    const name = directory.name(actor);
    return name === actor && UUID.test(actor) ? t('record.audit.user', { id: actor.slice(0, 8) }) : name;
  };
  return (
    <Timeline
      items={[...steps].reverse().map((step) => {
        const action = ACTIONS[step.entry.action];
        return {
          color: action?.colour ?? 'gray',
          children: (
            <div data-action={step.entry.action}>
              <Typography.Text strong>{action ? t(action.label) : step.entry.action}</Typography.Text>
              <div className="timeline-meta">{`${formatDateTime(step.entry.at, locale)} · ${actorName(step.entry.actor)}`}</div>
              {step.changes.length > 0 && (
                <Table<FieldChange>
                  className="audit-diff"
                  size="small"
                  pagination={false}
                  rowKey={(change) => change.field.key}
                  dataSource={step.changes}
                  columns={[
                    { title: t('record.audit.field'), key: 'field', render: (_, change) => localize(change.field.label, locale), width: '30%' },
                    ...(step.entry.action === 'record.create'
                      ? []
                      : [{ title: t('record.audit.before'), key: 'before', render: (_: unknown, change: FieldChange) => <span className="audit-before">{displayValue(change.field, change.before, locale)}</span> }]),
                    { title: t('record.audit.after'), key: 'after', render: (_: unknown, change: FieldChange) => <span className="audit-after">{displayValue(change.field, change.after, locale)}</span> },
                  ]}
                />
              )}
              {step.hiddenChanges > 0 && <Typography.Text type="secondary">{t('record.audit.hiddenChanges', { count: step.hiddenChanges })}</Typography.Text>}
            </div>
          ),
        };
      })}
    />
  );
}

/** One record: the form read-only or in edit mode (optimistic concurrency), and its audit history. */
export function RecordDetailPage() {
  const { formKey, recordId } = useParams();
  const api = useApi();
  const { session } = useAuth();
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const directory = useUserDirectory();
  const renderer = useRef<FormRendererHandle>(null);
  const [editing, setEditing] = useState(false);
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [conflict, setConflict] = useState(false);
  const search = useMemo(() => relationSearch(api), [api]);
  const form = useQuery({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey!) });
  const record = useQuery({ queryKey: ['record', formKey, recordId], queryFn: () => fetchRecord(api, formKey!, recordId!) });

  const save = useMutation({
    mutationFn: ({ version, data }: { version: number; data: Record<string, unknown> }) => updateRecord(api, formKey!, recordId!, version, data),
    onSuccess: (saved: RecordDetail) => {
      queryClient.setQueryData(['record', formKey, recordId], saved);
      void queryClient.invalidateQueries({ queryKey: ['records', formKey] });
      setEditing(false);
      setProblems([]);
      void message.success(t('record.saved'));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) {
        setConflict(true);
        return;
      }
      if (error instanceof ApiError) setProblems(error.details.filter((detail) => detail.path).map((detail) => ({ path: detail.path!.replace(/^data\./, ''), message: detail.message, code: detail.code })));
      const { title, details } = describeError(error);
      void message.error([title, ...details].join('；'));
    },
  });

  if (form.isLoading || record.isLoading) return <PageLoading />;
  if (form.isError || !form.data) return <ErrorAlert error={form.error} onRetry={() => void form.refetch()} />;
  if (record.isError || !record.data) return <ErrorAlert error={record.error} onRetry={() => void record.refetch()} />;
  const definition = form.data.definition;
  const current = record.data;
  const formTitle = localize(definition.title, locale);
  const firstText = definition.fields.find((field) => field.type === 'text');
  const heading = firstText && typeof current.data[firstText.key] === 'string' && current.data[firstText.key] ? String(current.data[firstText.key]) : formTitle;

  const submit = () => {
    if (!renderer.current) return;
    if (!renderer.current.validate().valid) {
      void message.error(t('task.fixErrors'));
      return;
    }
    save.mutate({ version: current.version, data: renderer.current.data() });
  };
  const reload = () => {
    setConflict(false);
    setEditing(false);
    setProblems([]);
    void record.refetch();
  };

  return (
    <div className="page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to="/apps">{t('nav.apps')}</Link> }, { title: <Link to={`/records/${encodeURIComponent(formKey!)}`}>{formTitle}</Link> }, { title: heading }]}
      />
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title" data-testid="record-title">
            {heading}
          </Typography.Title>
          <Space size="small" wrap>
            <Tag>{formTitle}</Tag>
            {current.tags.map((tag) => (
              <Tag key={tag} color="blue">
                {tag}
              </Tag>
            ))}
            <Typography.Text type="secondary">{t('record.versionOf', { version: current.version })}</Typography.Text>
          </Space>
        </div>
        <Space wrap>
          {formKey === 'customer' && (
            <Link to={`/customers/${encodeURIComponent(current.id)}`} data-testid="customer-360-link">
              <Button icon={<IdcardOutlined />}>{t('record.customer360')}</Button>
            </Link>
          )}
          {editing ? (
            <>
              <Button onClick={() => { setEditing(false); setProblems([]); }}>{t('record.cancel')}</Button>
              <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={submit} data-testid="record-save">
                {t('record.save')}
              </Button>
            </>
          ) : (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="record-edit">
              {t('record.edit')}
            </Button>
          )}
        </Space>
      </div>
      {conflict && (
        <Alert
          type="warning"
          showIcon
          className="page-section-alert"
          data-testid="record-conflict"
          message={t('record.conflict')}
          description={t('record.conflictHint')}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={reload}>
              {t('record.reload')}
            </Button>
          }
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={t('record.form')} className="task-card">
            <FormRenderer
              key={`${current.version}-${editing ? 'edit' : 'read'}`}
              ref={renderer}
              form={definition}
              initialData={current.data}
              locale={locale}
              role={session?.user.roles}
              readOnly={!editing}
              problems={problems}
              searchRelation={search}
            />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('task.details')} className="task-card">
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('record.createdAt')}>{formatDateTime(current.createdAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('record.createdBy')}>{directory.name(current.createdBy) === current.createdBy && UUID.test(current.createdBy) ? t('record.audit.user', { id: current.createdBy.slice(0, 8) }) : directory.name(current.createdBy)}</Descriptions.Item>
              <Descriptions.Item label={t('records.updatedAt')}>{formatDateTime(current.updatedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('record.formVersion')}>{`v${current.formVersion}`}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t('record.audit.title')} className="task-card">
            <div data-testid="record-audit">
              <RecordAudit formDefinition={definition} formKey={formKey!} recordId={recordId!} revision={current.version} />
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
