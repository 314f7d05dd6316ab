import { FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { Card, Col, Empty, List, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { fetchForms, type FormSummary } from '../../api/forms';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useLocale } from '../../i18n/locale-context';

/** Every app with the forms whose records a person can open. */
export function AppsPage() {
  const api = useApi();
  const { t, locale } = useLocale();
  const forms = useQuery({ queryKey: ['forms'], queryFn: () => fetchForms(api) });
  const byApp = new Map<string, FormSummary[]>();
  for (const form of forms.data ?? []) byApp.set(form.appKey, [...(byApp.get(form.appKey) ?? []), form]);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('apps.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('apps.subtitle')}</Typography.Text>
        </div>
      </div>
      {forms.isLoading && <PageLoading />}
      {forms.isError && <ErrorAlert error={forms.error} onRetry={() => void forms.refetch()} />}
      {forms.data && byApp.size === 0 && <Empty description={t('studio.noApps')} />}
      <Row gutter={[16, 16]}>
        {[...byApp].map(([appKey, appForms]) => (
          <Col key={appKey} xs={24} md={12} xl={8}>
            <Card title={appKey} data-testid={`app-${appKey}`}>
              <List
                size="small"
                dataSource={appForms}
                renderItem={(form) => (
                  <List.Item>
                    <Link to={`/records/${encodeURIComponent(form.key)}`}>
                      <FormOutlined /> {localize(form.title, locale)}
                    </Link>
                    <Typography.Text type="secondary">{`v${form.version}`}</Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
