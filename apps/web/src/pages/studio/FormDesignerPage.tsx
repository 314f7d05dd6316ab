import { useMutation, useQuery } from '@tanstack/react-query';
import { emptyForm, FormDesigner, type FormDefinition } from '@tessera/ui';
import { App, Breadcrumb, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/api-error';
import { fetchForm, saveForm } from '../../api/forms';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useLocale } from '../../i18n/locale-context';
import { demoRoles } from './known-roles';

function DesignerFor({ initial, appKey: initialAppKey }: { initial: FormDefinition; appKey?: string }) {
  const api = useApi();
  const { t, locale } = useLocale();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const [appKey, setAppKey] = useState(initialAppKey ?? '');
  const [pending, setPending] = useState<FormDefinition | null>(null);
  const save = useMutation({
    mutationFn: (definition: FormDefinition) => saveForm(api, appKey.trim(), definition),
    onSettled: () => setPending(null),
    onSuccess: (saved, definition) => {
      void message.success(t('designer.saved', { version: saved.version ?? '' }));
      navigate(`/studio/forms/${encodeURIComponent(saved.key ?? definition.key)}`, { replace: true });
    },
    onError: (error) => {
      const { title, details } = describeError(error);
      notification.error({ message: t('designer.saveFailed'), description: [title, ...details].join('\n'), style: { whiteSpace: 'pre-line' } });
    },
  });
  return (
    <>
      <FormDesigner initial={initial} locale={locale} roles={demoRoles} onSave={setPending} saving={save.isPending} />
      <Modal
        open={pending !== null}
        title={t('designer.saveTitle')}
        okText={t('designer.save')}
        confirmLoading={save.isPending}
        okButtonProps={{ disabled: !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(appKey.trim()) }}
        onOk={() => pending && save.mutate(pending)}
        onCancel={() => setPending(null)}
      >
        <Form layout="vertical">
          <Form.Item label={t('modeler.appKey')} extra={t('modeler.appKeyHint')}>
            <Input value={appKey} onChange={(event) => setAppKey(event.target.value)} data-testid="designer-app-key" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function FormDesignerPage() {
  const { formKey } = useParams();
  const [params] = useSearchParams();
  const api = useApi();
  const { t } = useLocale();
  const existing = useQuery({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey!), enabled: !!formKey });

  return (
    <div className="page page-fill">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/studio">{t('nav.studio')}</Link> }, { title: formKey ?? t('designer.newForm') }]} />
      {formKey && existing.isLoading && <PageLoading />}
      {formKey && existing.isError && <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />}
      {(!formKey || existing.data) && <DesignerFor key={formKey ?? 'new'} initial={existing.data?.definition ?? emptyForm()} appKey={existing.data?.appKey ?? params.get('app') ?? undefined} />}
    </div>
  );
}
