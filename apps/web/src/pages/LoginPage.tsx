import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { ApiError, describeError } from '../api/api-error';
import { fetchHealth } from '../api/health';
import { useAuth } from '../auth/auth-context';
import { useLocale } from '../i18n/locale-context';

export function LoginPage() {
  const { t, locale, setLocale } = useLocale();
  const health = useQuery({ queryKey: ['health'], queryFn: fetchHealth, retry: 1 });
  const { session, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const target = (location.state as { from?: string } | null)?.from ?? '/workbench';

  if (session) return <Navigate to={target} replace />;

  const submit = async ({ username, password }: { username: string; password: string }) => {
    setSubmitting(true);
    setFailure(null);
    try {
      await login(username, password);
      navigate(target, { replace: true });
    } catch (error) {
      // A server without the auth module answers 404: say so rather than "wrong password".
      setFailure(error instanceof ApiError && error.status === 404 ? t('login.notYet') : describeError(error).title);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div className="login-page">
      <Card className="login-card" data-testid="login-card">
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <div className="login-header">
            <div>
              <Typography.Title level={3} style={{ margin: 0 }}>
                {t('app.name')}
              </Typography.Title>
              <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
            </div>
            <Button type="link" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
              {t('locale.switch')}
            </Button>
          </div>
          <Form layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input autoComplete="username" />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={submitting}>
              {t('login.submit')}
            </Button>
          </Form>
          {failure && <Alert type="error" showIcon message={t('login.failed')} description={failure} data-testid="login-error" />}
          <Descriptions size="small" column={1} title={t('health.title')} data-testid="health">
            <Descriptions.Item label={t('health.title')}>
              {health.isError ? (
                <Tag color="red">{t('health.unreachable')}</Tag>
              ) : health.data ? (
                <Tag color={health.data.status === 'ok' ? 'green' : 'orange'} data-testid="health-status">
                  {t(health.data.status === 'ok' ? 'health.ok' : 'health.degraded')}
                </Tag>
              ) : (
                '…'
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('health.database')}>
              <span data-testid="health-database" data-kind={health.data?.database ?? ''}>
                {health.data ? t(health.data.database === 'pglite' ? 'health.database.pglite' : 'health.database.postgres') : '…'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('health.migrations')}>
              {health.data ? t('health.migrationsState', { applied: health.data.migrations.applied, pending: health.data.migrations.pending }) : '…'}
            </Descriptions.Item>
          </Descriptions>
        </Space>
      </Card>
    </div>
  );
}
