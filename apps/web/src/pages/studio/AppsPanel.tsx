import { CloudUploadOutlined, DownloadOutlined, RocketOutlined, SettingOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { Alert, App, Button, Card, Descriptions, Empty, Modal, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, describeError } from '../../api/api-error';
import { exportAppZip, fetchAppVersions, fetchApps, importAppZip, publishApp, type AppSummary, type AppVersion, type ImportOutcome } from '../../api/apps';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/PageState';
import { useUserDirectory } from '../../components/user-directory';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import { AppSettingsDialog } from './AppSettingsDialog';
import { importProblemRows, type ImportProblemRow } from './import-problems';

/** Settings whose stored value the imported version does not use (a server that reports them). */
function ignoredSettingsOf(outcome: ImportOutcome): string[] {
  const ignored = (outcome as ImportOutcome & { ignoredSettings?: unknown }).ignoredSettings;
  return Array.isArray(ignored) ? ignored.map(String) : [];
}

function saveBlob(blob: Blob, fileName: string) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

function AppVersions({ app }: { app: AppSummary }) {
  const api = useApi();
  const { t, locale } = useLocale();
  const { message, notification } = App.useApp();
  const queryClient = useQueryClient();
  const directory = useUserDirectory();
  const versions = useQuery({ queryKey: ['app-versions', app.key], queryFn: () => fetchAppVersions(api, app.key), retry: false });
  const publish = useMutation({
    mutationFn: (version: string) => publishApp(api, app.key, { version }),
    onSuccess: (published) => {
      void message.success(t('apps.published', { version: published.version }));
      void queryClient.invalidateQueries({ queryKey: ['app-versions', app.key] });
    },
    onError: (error) => notification.error({ message: t('apps.publishFailed'), description: describeError(error).title }),
  });
  if (versions.isError) {
    if (versions.error instanceof ApiError && versions.error.status === 404) return <Typography.Text type="secondary">{t('apps.versionsUnavailable')}</Typography.Text>;
    return <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />;
  }
  return (
    <Table<AppVersion>
      size="small"
      rowKey="version"
      loading={versions.isLoading}
      pagination={false}
      dataSource={[...(versions.data ?? [])].reverse()}
      data-testid={`app-versions-${app.key}`}
      columns={[
        {
          title: t('studio.appVersion'),
          key: 'version',
          render: (_, version) => (
            <Space size={4}>
              <Tag>{`v${version.version}`}</Tag>
              {version.current && <Tag color="blue">{t('apps.current')}</Tag>}
              {version.published && <Tag color="green">{t('apps.publishedTag')}</Tag>}
            </Space>
          ),
        },
        { title: t('apps.installedAt'), key: 'installedAt', render: (_, version) => `${formatDateTime(version.installedAt, locale)}${version.installedBy ? ` · ${version.installedBy === 'system' ? t('history.system') : directory.name(version.installedBy)}` : ''}` },
        { title: t('apps.publishedAt'), key: 'publishedAt', render: (_, version) => (version.publishedAt ? `${formatDateTime(version.publishedAt, locale)}${version.publishedBy ? ` · ${directory.name(version.publishedBy)}` : ''}` : '—') },
        {
          title: '',
          key: 'publish',
          width: 110,
          render: (_, version) =>
            version.published ? null : (
              <Popconfirm title={t('apps.publishConfirm', { version: version.version })} okText={t('apps.publish')} cancelText={t('record.cancel')} onConfirm={() => publish.mutate(version.version)}>
                <Button size="small" icon={<RocketOutlined />} loading={publish.isPending && publish.variables === version.version}>
                  {t('apps.publish')}
                </Button>
              </Popconfirm>
            ),
        },
      ]}
    />
  );
}

/** The installed apps with their versions: import a template zip, export an app as a zip, publish a version. */
export function AppsPanel() {
  const api = useApi();
  const { t, locale } = useLocale();
  const { notification } = App.useApp();
  const queryClient = useQueryClient();
  const apps = useQuery({ queryKey: ['apps'], queryFn: () => fetchApps(api) });
  const [report, setReport] = useState<null | { fileName: string; outcome?: ImportOutcome; error?: unknown }>(null);
  // Settings are for IT: only administrators read and change them.
  const canSetUp = useAuth().hasRole('admin');
  const [settingsOf, setSettingsOf] = useState<AppSummary | null>(null);

  const importZip = useMutation({
    mutationFn: (file: File) => importAppZip(api, file, file.name),
    onSuccess: (outcome, file) => {
      setReport({ fileName: file.name, outcome });
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
      void queryClient.invalidateQueries({ queryKey: ['app-versions', outcome.key] });
      void queryClient.invalidateQueries({ queryKey: ['forms'] });
      void queryClient.invalidateQueries({ queryKey: ['processes'] });
    },
    onError: (error, file) => setReport({ fileName: file.name, error }),
  });

  const exportZip = async (app: AppSummary) => {
    try {
      const { blob, fileName } = await exportAppZip(api, app.key);
      saveBlob(blob, fileName ?? `${app.key}-${app.version ?? ''}.zip`);
    } catch (error) {
      notification.error({ message: t('apps.exportFailed'), description: describeError(error).title });
    }
  };

  const problems = report?.error instanceof ApiError ? importProblemRows(report.error.details) : [];
  return (
    <Card
      title={t('studio.apps')}
      className="page-section"
      extra={
        <Upload accept=".zip,application/zip" showUploadList={false} beforeUpload={(file) => { importZip.mutate(file); return false; }}>
          <Button type="primary" icon={<CloudUploadOutlined />} loading={importZip.isPending} data-testid="app-import">
            {t('apps.import')}
          </Button>
        </Upload>
      }
    >
      {apps.isError ? (
        <ErrorAlert error={apps.error} onRetry={() => void apps.refetch()} />
      ) : (
        <Table<AppSummary>
          rowKey="key"
          loading={apps.isLoading}
          dataSource={apps.data ?? []}
          pagination={false}
          expandable={{ expandedRowRender: (app) => <AppVersions app={app} /> }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('studio.noApps')} /> }}
          columns={[
            { title: t('studio.appName'), key: 'name', render: (_, app) => <Typography.Text strong>{localize(app.name, locale)}</Typography.Text> },
            { title: t('studio.appKey'), dataIndex: 'key' },
            { title: t('studio.appVersion'), dataIndex: 'version', render: (version?: string | number) => (version === undefined ? '—' : <Tag>{`v${version}`}</Tag>) },
            { title: t('apps.installedAt'), dataIndex: 'installedAt', render: (value?: string) => formatDateTime(value, locale) },
            {
              title: '',
              key: 'export',
              width: canSetUp ? 200 : 120,
              render: (_, app) => (
                <Space size={8}>
                  {canSetUp && (
                    <Button size="small" icon={<SettingOutlined />} onClick={() => setSettingsOf(app)} data-testid={`app-settings-${app.key}`}>
                      {t('appSettings.open')}
                    </Button>
                  )}
                  <Button size="small" icon={<DownloadOutlined />} onClick={() => void exportZip(app)} data-testid={`app-export-${app.key}`}>
                    {t('apps.export')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {settingsOf && <AppSettingsDialog app={settingsOf} onClose={() => setSettingsOf(null)} />}
      <Modal open={report !== null} title={report?.outcome ? t('apps.importDone') : t('apps.importFailed')} onCancel={() => setReport(null)} footer={<Button onClick={() => setReport(null)}>{t('apps.close')}</Button>} width={880} destroyOnHidden>
        {report?.outcome && (
          <Descriptions column={1} size="small" bordered data-testid="import-report">
            <Descriptions.Item label={t('apps.file')}>{report.fileName}</Descriptions.Item>
            <Descriptions.Item label={t('studio.appKey')}>{`${report.outcome.key} v${report.outcome.version}`}</Descriptions.Item>
            <Descriptions.Item label={t('apps.result')}>{report.outcome.unchanged ? t('apps.unchanged') : t('apps.installed')}</Descriptions.Item>
            <Descriptions.Item label={t('studio.appForms')}>{report.outcome.forms.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('studio.appProcesses')}>{report.outcome.processes.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('apps.seeded')}>{report.outcome.seededRecords}</Descriptions.Item>
            <Descriptions.Item label={t('apps.warnings')}>{report.outcome.warnings}</Descriptions.Item>
            {ignoredSettingsOf(report.outcome).length > 0 && (
              <Descriptions.Item label={t('appSettings.ignoredOnImport')}>
                <Typography.Text type="warning" data-testid="import-ignored-settings">
                  {ignoredSettingsOf(report.outcome).join('、')}
                </Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
        {report?.error !== undefined && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Alert type="error" showIcon message={describeError(report.error).title} description={t('apps.nothingInstalled', { file: report.fileName })} />
            {problems.length > 0 && (
              <Table<ImportProblemRow>
                size="small"
                rowKey={(row, index) => `${row.file}:${row.where}:${row.code}:${index}`}
                dataSource={problems}
                pagination={problems.length > 10 ? { pageSize: 10 } : false}
                data-testid="import-problems"
                scroll={{ x: true }}
                columns={[
                  { title: t('apps.file'), dataIndex: 'file', width: 220 },
                  { title: t('apps.where'), dataIndex: 'where', width: 220, render: (value: string) => <Typography.Text code>{value || '—'}</Typography.Text> },
                  { title: t('apps.problem'), dataIndex: 'message' },
                ]}
              />
            )}
          </Space>
        )}
      </Modal>
    </Card>
  );
}
