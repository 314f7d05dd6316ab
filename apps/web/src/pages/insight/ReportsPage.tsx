import { BarChartOutlined, DashboardOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { Button, Card, Col, Empty, List, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { fetchReports } from '../../api/reports';
import { useApi, useAuth } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import './insight.css';

export const DESIGNER_ROLES = ['admin', 'designer'];

/** Every report the reader may run, with its dashboards; designers can open a report in the designer. */
export function ReportsPage() {
  const api = useApi();
  const { hasRole } = useAuth();
  const { t, locale } = useLocale();
  const reports = useQuery({ queryKey: ['reports'], queryFn: () => fetchReports(api) });
  const canDesign = hasRole(...DESIGNER_ROLES);

  if (reports.isLoading) return <PageLoading />;
  if (reports.isError) return <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />;
  const items = reports.data ?? [];

  return (
    <div className="page" data-testid="reports-page">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('reports.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('reports.subtitle')}</Typography.Text>
        </div>
        {canDesign && (
          <Link to="/studio/reports/new">
            <Button type="primary" icon={<PlusOutlined />}>
              {t('reports.new')}
            </Button>
          </Link>
        )}
      </div>
      {items.length === 0 ? (
        <Card>
          <Empty description={t('reports.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((report) => (
            <Col key={report.key} xs={24} md={12} xl={8}>
              <Card
                className="report-card"
                data-testid={`report-${report.key}`}
                title={
                  <Space>
                    <BarChartOutlined className="report-card-icon" />
                    {localize(report.title, locale)}
                  </Space>
                }
                extra={
                  canDesign ? (
                    <Link to={`/studio/reports/${encodeURIComponent(report.key)}`} aria-label={t('reports.edit')}>
                      <EditOutlined /> {t('reports.edit')}
                    </Link>
                  ) : undefined
                }
              >
                <Space size={4} wrap className="report-card-meta">
                  <Tag bordered={false}>{report.appKey || t('reports.noApp')}</Tag>
                  <Tag bordered={false}>{t('reports.version', { version: report.version })}</Tag>
                  <Tag bordered={false}>{t('reports.chartCount', { count: report.charts.length })}</Tag>
                </Space>
                <List
                  size="small"
                  locale={{ emptyText: t('reports.noDashboards') }}
                  dataSource={report.dashboards}
                  renderItem={(dashboard) => (
                    <List.Item>
                      <Link to={`/reports/${encodeURIComponent(report.key)}/dashboards/${encodeURIComponent(dashboard.key)}`} data-testid={`dashboard-link-${dashboard.key}`}>
                        <DashboardOutlined /> {localize(dashboard.title, locale)}
                      </Link>
                    </List.Item>
                  )}
                />
                {report.dashboards.length === 0 && report.charts.length > 0 && (
                  <Typography.Text type="secondary" className="report-card-charts">
                    {report.charts.map((chart) => `${localize(chart.title, locale)}（${t(`chartType.${chart.type}` as MessageKey)}）`).join(locale === 'zh-CN' ? '、' : ', ')}
                  </Typography.Text>
                )}
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </div>
  );
}
