import { ApartmentOutlined, BranchesOutlined, FormOutlined, TableOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { Card, Col, Empty, Row, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { fetchApps, type AppSummary } from '../../api/apps';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/PageState';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';

const tools: Array<{ path: string; title: MessageKey; hint: MessageKey; icon: React.ReactNode; testId: string }> = [
  { path: '/studio/forms/new', title: 'studio.formDesigner', hint: 'studio.formDesignerHint', icon: <FormOutlined />, testId: 'tool-form-designer' },
  { path: '/studio/processes/new', title: 'studio.processModeler', hint: 'studio.processModelerHint', icon: <ApartmentOutlined />, testId: 'tool-process-modeler' },
  { path: '/studio/rules', title: 'studio.ruleEditor', hint: 'studio.ruleEditorHint', icon: <BranchesOutlined />, testId: 'tool-rule-editor' },
  { path: '/studio/decision-tables', title: 'studio.decisionTables', hint: 'studio.decisionTablesHint', icon: <TableOutlined />, testId: 'tool-decision-tables' },
];

export function StudioHomePage() {
  const { t, locale } = useLocale();
  const api = useApi();
  const apps = useQuery({ queryKey: ['apps'], queryFn: () => fetchApps(api) });

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('studio.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('studio.subtitle')}</Typography.Text>
        </div>
      </div>
      <Row gutter={[16, 16]}>
        {tools.map((tool) => (
          <Col key={tool.path} xs={24} sm={12} xl={6}>
            <Link to={tool.path} data-testid={tool.testId}>
              <Card hoverable className="tool-card">
                <div className="tool-card-icon">{tool.icon}</div>
                <Typography.Text strong>{t(tool.title)}</Typography.Text>
                <Typography.Paragraph type="secondary" className="tool-card-hint">
                  {t(tool.hint)}
                </Typography.Paragraph>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
      <Card title={t('studio.apps')} className="page-section">
        {apps.isError ? (
          <ErrorAlert error={apps.error} onRetry={() => void apps.refetch()} />
        ) : (
          <Table<AppSummary>
            rowKey="key"
            loading={apps.isLoading}
            dataSource={apps.data ?? []}
            pagination={false}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('studio.noApps')} /> }}
            columns={[
              { title: t('studio.appName'), key: 'name', render: (_, app) => <Typography.Text strong>{localize(app.name, locale)}</Typography.Text> },
              { title: t('studio.appKey'), dataIndex: 'key' },
              { title: t('studio.appVersion'), dataIndex: 'version', render: (version?: string | number) => (version === undefined ? '—' : <Tag>{`v${version}`}</Tag>) },
              {
                title: t('studio.appForms'),
                key: 'forms',
                render: (_, app) =>
                  (app.forms ?? []).map((form) => (
                    <Link key={form.key} to={`/studio/forms/${encodeURIComponent(form.key)}`} className="inline-link">
                      {form.title ? localize(form.title, locale) : form.key}
                    </Link>
                  )),
              },
              {
                title: t('studio.appProcesses'),
                key: 'processes',
                render: (_, app) =>
                  (app.processes ?? []).map((process) => (
                    <Link key={process.key} to={`/studio/processes/${encodeURIComponent(process.key)}`} className="inline-link">
                      {process.name ? localize(process.name, locale) : process.key}
                    </Link>
                  )),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
