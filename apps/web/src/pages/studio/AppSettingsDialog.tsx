import { UndoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { localize, type LocalizedText } from '@tessera/rules';
import { Alert, App, Button, Empty, Form, Input, InputNumber, Modal, Select, Space, Spin, Switch, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, describeError } from '../../api/api-error';
import type { AppSummary } from '../../api/apps';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/PageState';
import { useUserDirectory } from '../../components/user-directory';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import { fetchAppSettings, saveAppSettings, type AppSettingItem } from './app-settings-api';
import { changedValues, displayValue, fieldProblems, initialDrafts, type SettingDraft } from './app-settings-form';

function textOf(value: LocalizedText | string, locale: 'zh-CN' | 'en'): string {
  return typeof value === 'string' ? value : localize(value, locale);
}

function SettingInput({ item, draft, onChange }: { item: AppSettingItem; draft: SettingDraft; onChange(value: unknown): void }) {
  const { t } = useLocale();
  const testId = `setting-${item.key}`;
  switch (item.type) {
    case 'number':
      return <InputNumber style={{ width: 200 }} value={typeof draft.value === 'number' ? draft.value : null} onChange={(value) => onChange(value)} data-testid={testId} />;
    case 'boolean':
      return <Switch checked={draft.value === true} checkedChildren={t('appSettings.yes')} unCheckedChildren={t('appSettings.no')} onChange={(checked) => onChange(checked)} data-testid={testId} />;
    case 'stringList':
      return (
        <Select
          mode="tags"
          style={{ width: '100%' }}
          open={false}
          suffixIcon={null}
          placeholder={t('appSettings.listPlaceholder')}
          value={Array.isArray(draft.value) ? (draft.value as string[]) : []}
          onChange={(values: string[]) => onChange(values)}
          data-testid={testId}
        />
      );
    default:
      return (
        <Input
          value={typeof draft.value === 'string' ? draft.value : displayValue(draft.value)}
          placeholder={item.format === 'url' ? t('appSettings.urlPlaceholder') : undefined}
          onChange={(event) => onChange(event.target.value)}
          data-testid={testId}
        />
      );
  }
}

/** The settings IT gives one installed app: each with its label, current value and default; saved through the API. */
export function AppSettingsDialog({ app, onClose }: { app: AppSummary; onClose(): void }) {
  const api = useApi();
  const { t, locale } = useLocale();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const directory = useUserDirectory();
  const settings = useQuery({ queryKey: ['app-settings', app.key], queryFn: () => fetchAppSettings(api, app.key), retry: false });
  const [drafts, setDrafts] = useState<Record<string, SettingDraft>>({});
  const [problems, setProblems] = useState<Record<string, string[]>>({});
  // A refusal no field carries (the app is gone, the session ended): shown above the form.
  const [generalError, setGeneralError] = useState<unknown>(null);

  useEffect(() => {
    if (settings.data) setDrafts(initialDrafts(settings.data.items));
  }, [settings.data]);

  const save = useMutation({
    mutationFn: (values: Record<string, unknown>) => saveAppSettings(api, app.key, values),
    onSuccess: (saved) => {
      queryClient.setQueryData(['app-settings', app.key], saved);
      setProblems({});
      setGeneralError(null);
      void message.success(t('appSettings.saved'));
      onClose();
    },
    onError: (error) => {
      const byField = error instanceof ApiError ? fieldProblems(error.details) : {};
      setProblems(byField);
      setGeneralError(Object.keys(byField).length ? null : error);
    },
  });

  const edit = (key: string, draft: SettingDraft) => {
    setDrafts((current) => ({ ...current, [key]: draft }));
    setProblems(({ [key]: _cleared, ...rest }) => rest);
    setGeneralError(null);
  };
  const items = settings.data?.items ?? [];
  const undeclared = settings.data?.undeclared ?? [];
  const values = changedValues(items, drafts);

  return (
    <Modal
      open
      title={t('appSettings.title', { app: textOf(app.name, locale) })}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('appSettings.cancel')}
        </Button>,
        <Button key="save" type="primary" loading={save.isPending} disabled={!items.length || Object.keys(values).length === 0} onClick={() => save.mutate(values)} data-testid="app-settings-save">
          {t('appSettings.save')}
        </Button>,
      ]}
    >
      {settings.isLoading && <Spin />}
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.data && (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="app-settings-form">
          <Typography.Paragraph type="secondary">{t('appSettings.intro')}</Typography.Paragraph>
          {Object.keys(problems).length > 0 && <Alert type="error" showIcon message={t('appSettings.notSaved')} />}
          {generalError !== null && <Alert type="error" showIcon message={describeError(generalError).title} />}
          {items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appSettings.none')} />}
          <Form layout="vertical">
            {items.map((item) => {
              const draft = drafts[item.key] ?? { value: item.effective, reset: false };
              const custom = item.value !== null && !item.problem;
              const errors = problems[item.key];
              const defaultText = displayValue(item.default) || t('appSettings.emptyDefault');
              return (
                <Form.Item
                  key={item.key}
                  label={
                    <Space size={6}>
                      <span>{localize(item.label, locale)}</span>
                      <Typography.Text type="secondary" code>
                        {item.key}
                      </Typography.Text>
                      {draft.reset ? <Tag color="orange">{t('appSettings.resetPending')}</Tag> : custom ? <Tag color="blue">{t('appSettings.custom')}</Tag> : <Tag>{t('appSettings.usingDefault')}</Tag>}
                    </Space>
                  }
                  validateStatus={errors ? 'error' : undefined}
                  help={errors ? <span data-testid={`setting-error-${item.key}`}>{errors.join('；')}</span> : undefined}
                  extra={
                    <Space direction="vertical" size={0}>
                      <span data-testid={`setting-default-${item.key}`}>{t('appSettings.default', { value: defaultText })}</span>
                      {custom && item.updatedBy && (
                        <span>{t('appSettings.changedBy', { by: directory.name(item.updatedBy), at: formatDateTime(item.updatedAt ?? undefined, locale) })}</span>
                      )}
                      {item.problem && <Typography.Text type="warning">{`${t('appSettings.storedIgnored')}：${textOf(item.problem.message, locale)}`}</Typography.Text>}
                    </Space>
                  }
                >
                  <Space.Compact style={{ width: '100%' }}>
                    <div style={{ flex: 1, minWidth: 0 }}>
                      <SettingInput item={item} draft={draft} onChange={(value) => edit(item.key, { value, reset: false })} />
                    </div>
                    <Button
                      icon={<UndoOutlined />}
                      disabled={!custom && !item.problem && JSON.stringify(draft.value) === JSON.stringify(item.default)}
                      onClick={() => edit(item.key, { value: item.default, reset: true })}
                      data-testid={`setting-reset-${item.key}`}
                    >
                      {t('appSettings.reset')}
                    </Button>
                  </Space.Compact>
                </Form.Item>
              );
            })}
          </Form>
          {undeclared.length > 0 && (
            <Alert
              type="warning"
              showIcon
              message={t('appSettings.undeclaredTitle')}
              description={
                <Space direction="vertical">
                  {undeclared.map((setting) => (
                    <Space key={setting.key}>
                      <Typography.Text code>{setting.key}</Typography.Text>
                      <span>{displayValue(setting.value)}</span>
                      <Button size="small" loading={save.isPending} onClick={() => save.mutate({ [setting.key]: null })}>
                        {t('appSettings.clear')}
                      </Button>
                    </Space>
                  ))}
                </Space>
              }
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
