import { CloudUploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { ProcessModeler, type ProcessModelerHandle } from '@tessera/ui';
import type { Problem } from '@tessera/rules';
import { App, Breadcrumb, Button, Form, Input, Modal } from 'antd';
import { useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, describeError } from '../../api/api-error';
import { deployProcess, fetchProcess } from '../../api/processes';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useLocale } from '../../i18n/locale-context';
import { demoRoles } from './known-roles';

function ModelerFor({ xml, appKey: initialAppKey }: { xml?: string; appKey?: string }) {
  const api = useApi();
  const { t, locale } = useLocale();
  const { message, notification } = App.useApp();
  const navigate = useNavigate();
  const modeler = useRef<ProcessModelerHandle>(null);
  const [deployOpen, setDeployOpen] = useState(false);
  const [appKey, setAppKey] = useState(initialAppKey ?? '');
  const [refused, setRefused] = useState<Problem[]>([]);

  const deploy = useMutation({
    mutationFn: async () => deployProcess(api, appKey.trim(), await modeler.current!.saveXML()),
    onSuccess: (stored) => {
      setDeployOpen(false);
      setRefused([]);
      void message.success(t('modeler.deployed', { key: stored.key, version: stored.version }));
      navigate(`/studio/processes/${encodeURIComponent(stored.key)}`, { replace: true });
    },
    onError: (error) => {
      setDeployOpen(false);
      // The server names each refused element: pin them to the diagram like the modeler's own checks.
      if (error instanceof ApiError) {
        setRefused(error.details.filter((detail) => detail.elementId).map((detail) => ({ code: detail.code, elementId: detail.elementId, message: { 'zh-CN': detail.message, en: detail.message } })));
      }
      const { title, details } = describeError(error);
      notification.error({ message: t('modeler.deployFailed'), description: [title, ...details].join('\n'), style: { whiteSpace: 'pre-line' } });
    },
  });

  return (
    <>
      <ProcessModeler
        ref={modeler}
        xml={xml}
        locale={locale}
        roles={demoRoles}
        problems={refused}
        toolbar={
          <Button type="primary" icon={<CloudUploadOutlined />} onClick={() => setDeployOpen(true)} data-testid="modeler-deploy">
            {t('modeler.deploy')}
          </Button>
        }
      />
      <Modal open={deployOpen} title={t('modeler.deploy')} okText={t('modeler.deploy')} confirmLoading={deploy.isPending} okButtonProps={{ disabled: !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(appKey.trim()) }} onOk={() => deploy.mutate()} onCancel={() => setDeployOpen(false)}>
        <Form layout="vertical">
          <Form.Item label={t('modeler.appKey')} extra={t('modeler.appKeyHint')}>
            <Input value={appKey} onChange={(event) => setAppKey(event.target.value)} data-testid="modeler-app-key" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export function ProcessModelerPage() {
  const { processKey } = useParams();
  const [params] = useSearchParams();
  const api = useApi();
  const { t } = useLocale();
  const existing = useQuery({ queryKey: ['process', processKey], queryFn: () => fetchProcess(api, processKey!), enabled: !!processKey });
  return (
    <div className="page page-fill">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/studio">{t('nav.studio')}</Link> }, { title: processKey ?? t('modeler.newProcess') }]} />
      {processKey && existing.isLoading && <PageLoading />}
      {processKey && existing.isError && <ErrorAlert error={existing.error} onRetry={() => void existing.refetch()} />}
      {(!processKey || existing.data) && <ModelerFor key={processKey ?? 'new'} xml={existing.data?.xml} appKey={existing.data?.appKey ?? params.get('app') ?? undefined} />}
    </div>
  );
}
