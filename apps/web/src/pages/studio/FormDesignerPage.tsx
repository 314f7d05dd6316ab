import { useMutation, useQuery } from '@tanstack/react-query';
import { emptyForm, FormDesigner, type FormDefinition } from '@tessera/ui';
import { App, Breadcrumb } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { describeError } from '../../api/api-error';
import { fetchForm, saveForm } from '../../api/forms';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useLocale } from '../../i18n/locale-context';
import { demoRoles } from './known-roles';

function DesignerFor({ initial }: { initial: FormDefinition }) {
  const api = useApi();
  const { t, locale } = useLocale();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const save = useMutation({
    mutationFn: (definition: FormDefinition) => saveForm(api, definition),
    onSuccess: (saved, definition) => {
      void message.success(t('designer.saved', { version: saved.version ?? '' }));
      navigate(`/studio/forms/${encodeURIComponent(saved.key ?? definition.key)}`, { replace: true });
    },
    onError: (error) => {
      const { title, details } = describeError(error);
      notification.error({ message: t('designer.saveFailed'), description: [title, ...details].join('\n'), style: { whiteSpace: 'pre-line' } });
    },
  });
  return <FormDesigner initial={initial} locale={locale} roles={demoRoles} onSave={(definition) => save.mutate(definition)} saving={save.isPending} />;
}

export function FormDesignerPage() {
  const { formKey } = useParams();
  const api = useApi();
  const { t } = useLocale();
  const existing = useQuery({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey!), enabled: !!formKey });

  return (
    <div className="page page-fill">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/studio">{t('nav.studio')}</Link> }, { title: formKey ?? t('designer.newForm') }]} />
      {formKey && existing.isLoading && <PageLoading />}
      {formKey && existing.isError && <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />}
      {(!formKey || existing.data) && <DesignerFor key={formKey ?? 'new'} initial={existing.data ?? emptyForm()} />}
    </div>
  );
}
