import type { DecisionTableDefinition } from '@tessera/rules';
import { DecisionTableEditor } from '@tessera/ui';
import { Breadcrumb, Card, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLocale } from '../../i18n/locale-context';

/** A starting table a bank recognises: the loan rate by customer tier and amount. */
const loanRateTable: DecisionTableDefinition = {
  id: 'loan-rate',
  name: { 'zh-CN': '贷款利率', en: 'Loan rate' },
  hitPolicy: 'FIRST',
  inputs: [
    { id: 'tier', label: '客户等级', expression: { var: 'customer.tier' } },
    { id: 'amount', label: '贷款金额', expression: { var: 'loanAmount' } },
  ],
  outputs: [
    { id: 'rate', label: '年利率（%）' },
    { id: 'approver', label: '审批层级' },
  ],
  rows: [
    { when: ['"private"', '-'], then: [3.45, 'branch'] },
    { when: ['"gold"', '< 1000000'], then: [3.85, 'branch'] },
    { when: ['"gold"', '>= 1000000'], then: [3.75, 'head-office'] },
    { when: ['-', '>= 3000000'], then: [4.1, 'head-office'] },
    { when: ['-', '-'], then: [4.35, 'branch'] },
  ],
};

export function DecisionTablePage() {
  const { t, locale } = useLocale();
  const [table, setTable] = useState(loanRateTable);
  return (
    <div className="page">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/studio">{t('nav.studio')}</Link> }, { title: t('studio.decisionTables') }]} />
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('studio.decisionTables')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('studio.decisionTablesHint')}</Typography.Text>
        </div>
      </div>
      <Card>
        <DecisionTableEditor value={table} onChange={setTable} locale={locale} />
      </Card>
    </div>
  );
}
