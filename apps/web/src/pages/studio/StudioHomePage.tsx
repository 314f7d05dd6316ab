import { ApartmentOutlined, BranchesOutlined, FormOutlined, TableOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import { AppsPanel } from './AppsPanel';

const tools: Array<{ path: string; title: MessageKey; hint: MessageKey; icon: React.ReactNode; testId: string }> = [
  { path: '/studio/forms/new', title: 'studio.formDesigner', hint: 'studio.formDesignerHint', icon: <FormOutlined />, testId: 'tool-form-designer' },
  { path: '/studio/processes/new', title: 'studio.processModeler', hint: 'studio.processModelerHint', icon: <ApartmentOutlined />, testId: 'tool-process-modeler' },
  { path: '/studio/rules', title: 'studio.ruleEditor', hint: 'studio.ruleEditorHint', icon: <BranchesOutlined />, testId: 'tool-rule-editor' },
  { path: '/studio/decision-tables', title: 'studio.decisionTables', hint: 'studio.decisionTablesHint', icon: <TableOutlined />, testId: 'tool-decision-tables' },
];

export function StudioHomePage() {
  const { t } = useLocale();

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
      <AppsPanel />
    </div>
  );
}
