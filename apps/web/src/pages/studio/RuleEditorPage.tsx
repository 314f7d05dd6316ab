import { useQuery } from '@tanstack/react-query';
import { compile, localize } from '@tessera/rules';
import { RuleEditor, type RuleField } from '@tessera/ui';
import { Alert, Breadcrumb, Button, Card, Col, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { fetchForm, fetchForms } from '../../api/forms';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert } from '../../components/PageState';
import { useLocale } from '../../i18n/locale-context';

/** Build a rule over a form's fields and try it on sample data, with the same engine the server runs. */
export function RuleEditorPage() {
  const api = useApi();
  const { t, locale } = useLocale();
  const [formKey, setFormKey] = useState<string | undefined>();
  const [rule, setRule] = useState<unknown>({ '>=': [{ var: 'loanAmount' }, 500000] });
  const [sample, setSample] = useState('{\n  "loanAmount": 800000\n}');
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const forms = useQuery({ queryKey: ['forms'], queryFn: () => fetchForms(api) });
  const form = useQuery({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey!), enabled: !!formKey });
  const fields: RuleField[] = form.data
    ? form.data.definition.fields.filter((field) => field.type !== 'description').map((field) => ({ key: field.key, label: field.label, type: field.type, options: field.options }))
    : [{ key: 'loanAmount', label: { 'zh-CN': '贷款金额', en: 'Loan amount' }, type: 'number' }];

  const run = () => {
    try {
      const data: unknown = JSON.parse(sample);
      const result = compile(rule)(data, { now: new Date().toISOString() });
      setOutcome({ ok: true, text: JSON.stringify(result) });
    } catch (error) {
      const messages = (error as { messages?: Record<string, string> }).messages;
      setOutcome({ ok: false, text: messages?.[locale] ?? (error as Error).message });
    }
  };

  return (
    <div className="page">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/studio">{t('nav.studio')}</Link> }, { title: t('studio.ruleEditor') }]} />
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('studio.ruleEditor')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('studio.ruleEditorHint')}</Typography.Text>
        </div>
        <Select
          allowClear
          style={{ width: 260 }}
          placeholder={t('rules.chooseForm')}
          value={formKey}
          onChange={setFormKey}
          loading={forms.isLoading}
          options={(forms.data ?? []).map((item) => ({ value: item.key, label: `${localize(item.title, locale)} (${item.key})` }))}
        />
      </div>
      {form.isError && <ErrorAlert error={form.error} />}
      <Row gutter={16}>
        <Col xs={24} xl={15}>
          <Card title={t('rules.rule')}>
            <RuleEditor value={rule} onChange={setRule} fields={fields} locale={locale} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('rules.tryIt')}>
            <Space direction="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('rules.sampleData')}</Typography.Text>
              <Input.TextArea className="rule-json" autoSize={{ minRows: 6, maxRows: 14 }} value={sample} onChange={(event) => setSample(event.target.value)} />
              <Button type="primary" onClick={run} data-testid="rule-run">
                {t('rules.evaluate')}
              </Button>
              {outcome && <Alert type={outcome.ok ? 'success' : 'error'} showIcon message={outcome.ok ? t('rules.result', { value: outcome.text }) : outcome.text} data-testid="rule-outcome" />}
            </Space>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
