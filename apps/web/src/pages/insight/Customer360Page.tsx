import { ClockCircleOutlined, WarningFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { Chart, displayValue, type FieldDefinition } from '@tessera/ui';
import {
  Alert,
  Avatar,
  Breadcrumb,
  Card,
  Col,
  Descriptions,
  Empty,
  Progress,
  Row,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useMemo, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/api-error';
import {
  CUSTOMER_FORM,
  customerLinks,
  fetchLinkedRecords,
  fetchRecord,
  relatedToCustomer,
  type CustomerData,
  type CustomerLink,
  type StoredRecord,
} from '../../api/customers';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useUserDirectory } from '../../components/user-directory';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import type { MessageKey } from '../../i18n/messages';
import {
  aumTrend,
  compactAmount,
  daysUntil,
  expiresSoon,
  formatChange,
  tierColor,
  todayIn,
  warningReasons,
} from './customer-facts';
import { useFormFields } from './use-customer-form';
import './insight.css';

const PROFILE_FIELDS = ['idNumber', 'mobile', 'occupation', 'riskPreference', 'accountManager', 'branch'] as const;
const OPEN_LOAN_STATES = new Set(['submitted', 'credit_review', 'returned', 'risk_review', 'approval']);
const OPEN_COMPLAINT_STATES = new Set(['open', 'in_progress', 'escalated']);

type Show = (field: string, value: unknown) => string;

function useShow(fields: Map<string, FieldDefinition>): { show: Show; label: (field: string) => string } {
  const { locale } = useLocale();
  return {
    show: (key, value) => {
      const field = fields.get(key);
      return field
        ? displayValue(field, value, locale)
        : value === undefined || value === null || value === ''
          ? '—'
          : String(value);
    },
    label: (key) => {
      const field = fields.get(key);
      return field ? localize(field.label, locale) : key;
    },
  };
}

function useLinked(link: CustomerLink, customerId: string | undefined) {
  const api = useApi();
  const form = useFormFields(customerLinks[link].form, !!customerId);
  const records = useQuery({
    queryKey: ['customer-linked', link, customerId],
    queryFn: () => fetchLinkedRecords(api, link, customerId!),
    enabled: !!customerId && !!form.data,
    retry: false,
  });
  return { form, records, ...useShow(form.fields) };
}

/** Where "view all" of a linked kind goes: the form's record list narrowed to this customer. */
function linkedListUrl(link: CustomerLink, customerId: string): string {
  const { form, relation } = customerLinks[link];
  return `/records/${form}?filter=${encodeURIComponent(JSON.stringify(relatedToCustomer(relation, customerId)))}`;
}

/** The customer 360° view: profile, tier and tags, health and warnings, AUM trend, products, follow-ups, loans and complaints. */
export function Customer360Page() {
  const { customerId } = useParams();
  const api = useApi();
  const { t, locale } = useLocale();
  const customerForm = useFormFields(CUSTOMER_FORM);
  const customer = useQuery({
    queryKey: ['record', CUSTOMER_FORM, customerId],
    queryFn: () => fetchRecord<CustomerData>(api, CUSTOMER_FORM, customerId!),
    retry: false,
  });
  const { show, label } = useShow(customerForm.fields);
  const directory = useUserDirectory();
  const today = todayIn();

  if (customer.isLoading || customerForm.isLoading) return <PageLoading />;
  if (customer.isError || !customer.data) {
    const missing =
      customer.error instanceof ApiError && (customer.error.status === 404 || customer.error.status === 400);
    return missing ? (
      <Alert type="warning" showIcon message={t('customer.notFound')} />
    ) : (
      <ErrorAlert error={customer.error} onRetry={() => void customer.refetch()} />
    );
  }
  const data = customer.data.data;
  const tags = [...new Set([...(data.tags ?? []), ...(customer.data.tags ?? [])])];
  const tagField = customerForm.fields.get('tags');
  const tagLabel = (tag: string) => {
    const option = tagField?.options?.find((candidate) => candidate.value === tag);
    return option ? localize(option.label, locale) : tag;
  };

  return (
    <div className="page customer-360" data-testid="customer-360">
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to="/customers">{t('customers.title')}</Link> }, { title: t('customer.title') }]}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space direction="vertical" size={16} className="full-width">
            <Card className="customer-header" data-testid="customer-header">
              <div className="customer-identity">
                <Avatar size={56} className={`customer-avatar tier-${data.tier ?? 'none'}`}>
                  {(data.name ?? '?').slice(0, 1)}
                </Avatar>
                <div className="customer-identity-text">
                  <Space size={8} wrap>
                    <Typography.Title level={3} className="page-title" data-testid="customer-name">
                      {show('name', data.name)}
                    </Typography.Title>
                    {data.tier && (
                      <Tag color={tierColor(data.tier)} className="tier-badge" data-testid="customer-tier">
                        {show('tier', data.tier)}
                      </Tag>
                    )}
                    {data.warning && (
                      <Tag color="red" icon={<WarningFilled />} data-testid="customer-warning-tag">
                        {t('customer.warning')}
                      </Tag>
                    )}
                  </Space>
                  <div className="customer-tags" data-testid="customer-tags">
                    {tags.length === 0 ? (
                      <Typography.Text type="secondary">{t('customer.noTags')}</Typography.Text>
                    ) : (
                      tags.map((tag) => (
                        <Tag
                          key={tag}
                          color={tag === 'aum_decline' || tag === 'inactive_mobile' ? 'volcano' : 'geekblue'}
                          bordered={false}
                        >
                          {tagLabel(tag)}
                        </Tag>
                      ))
                    )}
                  </div>
                </div>
              </div>
              <Descriptions
                size="small"
                column={{ xs: 1, sm: 2, lg: 3 }}
                className="customer-profile"
                data-testid="customer-profile"
              >
                {PROFILE_FIELDS.filter((key) => customerForm.fields.has(key)).map((key) => (
                  <Descriptions.Item key={key} label={label(key)}>
                    {key === 'accountManager' ? directory.name(data.accountManager) : show(key, data[key])}
                  </Descriptions.Item>
                ))}
              </Descriptions>
            </Card>
            <AumCard data={data} show={show} />
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <HealthCard data={data} today={today} />
        </Col>
        <Col xs={24} lg={14}>
          <ProductsCard customerId={customerId!} today={today} />
        </Col>
        <Col xs={24} lg={10}>
          <FollowUpsCard customerId={customerId!} />
        </Col>
        <Col xs={24}>
          <Space direction="vertical" size={16} className="full-width">
            <CasesCard
              link="loans"
              customerId={customerId!}
              title="customer.loans"
              empty="customer.loansEmpty"
              openStates={OPEN_LOAN_STATES}
              columns={['product', 'amount', 'status', 'submittedAt']}
            />
            <CasesCard
              link="complaints"
              customerId={customerId!}
              title="customer.complaints"
              empty="customer.complaintsEmpty"
              openStates={OPEN_COMPLAINT_STATES}
              columns={['category', 'severity', 'status', 'receivedAt']}
            />
          </Space>
        </Col>
      </Row>
    </div>
  );
}

function HealthCard({ data, today }: { data: CustomerData; today: string }) {
  const { t } = useLocale();
  const score = typeof data.healthScore === 'number' ? data.healthScore : null;
  const reasons = warningReasons(data, today);
  const status = score === null ? null : score >= 85 ? 'good' : score >= 60 ? 'watch' : 'risk';
  const color = status === 'good' ? '#389e0d' : status === 'watch' ? '#d48806' : '#cf1322';
  return (
    <Card title={t('customer.health')} className="full-height" data-testid="customer-health">
      <div className="health-body">
        <Progress
          type="dashboard"
          percent={score ?? 0}
          size={112}
          strokeColor={color}
          format={() => (score === null ? '—' : String(score))}
        />
        <Typography.Text strong style={{ color }}>
          {status === 'good'
            ? t('customer.healthGood')
            : status === 'watch'
              ? t('customer.healthWatch')
              : status === 'risk'
                ? t('customer.healthRisk')
                : ''}
        </Typography.Text>
      </div>
      {data.warning ? (
        <Alert
          type="error"
          showIcon
          data-testid="customer-warning"
          message={t('customer.warningTitle')}
          description={
            <>
              {reasons.length > 0 && (
                <ul className="warning-reasons">
                  {reasons.map((reason) => (
                    <li key={reason.kind}>
                      {reason.kind === 'aumDecline'
                        ? t('customer.reason.aumDecline', {
                            first: formatChange(reason.firstDrop),
                            second: formatChange(reason.secondDrop),
                          })
                        : reason.kind === 'inactiveMobile'
                          ? reason.lastLogin
                            ? t('customer.reason.inactiveMobile', { date: reason.lastLogin, days: reason.days ?? '—' })
                            : t('customer.reason.neverLoggedIn')
                          : reason.tag}
                    </li>
                  ))}
                </ul>
              )}
              <Typography.Text type="secondary" className="warning-source">
                {t('customer.warningByRules')}
              </Typography.Text>
            </>
          }
        />
      ) : (
        <Alert type="success" showIcon message={t('customer.noWarning')} />
      )}
    </Card>
  );
}

function AumCard({ data, show }: { data: CustomerData; show: Show }) {
  const { t, locale } = useLocale();
  const trend = aumTrend(data);
  const option = useMemo(
    () => ({
      grid: { left: 16, right: 48, top: 32, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (value: number) => `¥${value.toLocaleString(locale)}` },
      xAxis: {
        type: 'category',
        boundaryGap: false,
        data: trend.map((point) => t(`customer.aum.${point.period}` as MessageKey)),
      },
      yAxis: {
        type: 'value',
        scale: true,
        splitNumber: 4,
        boundaryGap: ['10%', '25%'],
        axisLabel: { formatter: (value: number) => compactAmount(value, locale) },
      },
      series: [
        {
          name: t('customer.aum.series'),
          type: 'line',
          smooth: true,
          symbolSize: 8,
          areaStyle: { opacity: 0.15 },
          label: {
            show: true,
            position: 'top',
            formatter: ({ value }: { value: number }) => compactAmount(value, locale),
          },
          data: trend.map((point) => point.value),
        },
      ],
    }),
    [JSON.stringify(trend), locale],
  );
  return (
    <Card
      title={t('customer.aumTrend')}
      extra={<Typography.Text strong>{show('aum', data.aum)}</Typography.Text>}
      className="full-height"
      data-testid="customer-aum"
    >
      {trend.length === 0 ? (
        <Empty description={t('customer.aum.none')} />
      ) : (
        <Chart option={option} locale={locale} height={200} />
      )}
    </Card>
  );
}

function LinkedUnavailable({ error }: { error: unknown }) {
  const { t } = useLocale();
  if (error instanceof ApiError && (error.status === 403 || error.status === 404))
    return <Typography.Text type="secondary">{t('customer.linkedUnavailable')}</Typography.Text>;
  return <ErrorAlert error={error} />;
}

function ProductsCard({ customerId, today }: { customerId: string; today: string }) {
  const { t } = useLocale();
  const { form, records, show, label } = useLinked('holdings', customerId);
  const items = records.data?.items ?? [];
  const expiring = items.filter((item) => expiresSoon(item.data.expiryDate as string | undefined, today)).length;
  return (
    <Card
      title={t('customer.products')}
      className="full-height"
      data-testid="customer-products"
      extra={
        <Space>
          {expiring > 0 && <Tag color="orange">{t('customer.expiringCount', { count: expiring })}</Tag>}
          <Link to={linkedListUrl('holdings', customerId)}>{t('customer.viewAll')}</Link>
        </Space>
      }
    >
      {form.isError || records.isError ? (
        <LinkedUnavailable error={form.error ?? records.error} />
      ) : (
        <Table<StoredRecord>
          rowKey="id"
          size="small"
          loading={records.isLoading || form.isLoading}
          dataSource={items}
          pagination={items.length > 6 ? { pageSize: 6, size: 'small' } : false}
          locale={{ emptyText: t('customer.productsEmpty') }}
          rowClassName={(item) =>
            expiresSoon(item.data.expiryDate as string | undefined, today) ? 'row-expiring' : ''
          }
          columns={[
            {
              key: 'productName',
              title: label('productName'),
              render: (_, item) => (
                <Link to={`/records/${item.formKey}/${item.id}`}>{show('productName', item.data.productName)}</Link>
              ),
            },
            {
              key: 'productType',
              title: label('productType'),
              render: (_, item) => show('productType', item.data.productType),
            },
            {
              key: 'amount',
              title: label('amount'),
              align: 'right',
              render: (_, item) => show('amount', item.data.amount),
            },
            {
              key: 'expiryDate',
              title: label('expiryDate'),
              render: (_, item) => {
                const expiry = item.data.expiryDate as string | undefined;
                const days = daysUntil(expiry, today);
                return (
                  <Space size={4} wrap>
                    <span>{show('expiryDate', expiry)}</span>
                    {expiresSoon(expiry, today) && (
                      <Tag color="orange" icon={<ClockCircleOutlined />} data-testid="expiring-tag">
                        {days === 0 ? t('customer.expiresToday') : t('customer.expiresIn', { days: days ?? '' })}
                      </Tag>
                    )}
                    {days !== null && days < 0 && <Tag>{t('customer.expired')}</Tag>}
                  </Space>
                );
              },
            },
          ]}
        />
      )}
    </Card>
  );
}

function FollowUpsCard({ customerId }: { customerId: string }) {
  const { t, locale } = useLocale();
  const { form, records, show } = useLinked('followUps', customerId);
  const items = records.data?.items ?? [];
  let body: ReactNode;
  if (form.isError || records.isError) body = <LinkedUnavailable error={form.error ?? records.error} />;
  else if (records.isLoading || form.isLoading) body = <PageLoading />;
  else if (items.length === 0)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.followUpsEmpty')} />;
  else
    body = (
      <Timeline
        className="followup-timeline"
        items={items.slice(0, 8).map((item) => ({
          key: item.id,
          children: (
            <div>
              <Space size={6} wrap>
                <Typography.Text strong>
                  {formatDateTime(item.data.followedAt as string | undefined, locale)}
                </Typography.Text>
                <Tag bordered={false}>{show('channel', item.data.channel)}</Tag>
                <Tag bordered={false} color="blue">
                  {show('purpose', item.data.purpose)}
                </Tag>
              </Space>
              <div className="followup-content">{show('content', item.data.content)}</div>
              {item.data.nextFollowUpDate ? (
                <div className="timeline-meta">
                  {t('customer.nextFollowUp', { date: show('nextFollowUpDate', item.data.nextFollowUpDate) })}
                </div>
              ) : null}
            </div>
          ),
        }))}
      />
    );
  return (
    <Card
      title={t('customer.followUps')}
      className="full-height"
      data-testid="customer-followups"
      extra={<Link to={linkedListUrl('followUps', customerId)}>{t('customer.viewAll')}</Link>}
    >
      {body}
    </Card>
  );
}

function CasesCard({
  link,
  customerId,
  title,
  empty,
  openStates,
  columns,
}: {
  link: CustomerLink;
  customerId: string;
  title: MessageKey;
  empty: MessageKey;
  openStates: Set<string>;
  columns: string[];
}) {
  const { t } = useLocale();
  const { form, records, show, label } = useLinked(link, customerId);
  const items = records.data?.items ?? [];
  const open = items.filter((item) => openStates.has(String(item.data.status)));
  const url = linkedListUrl(link, customerId);
  return (
    <Card
      title={t(title)}
      data-testid={`customer-${link}`}
      extra={
        <Space>
          {open.length > 0 && <Tag color="processing">{t('customer.openOnly', { count: open.length })}</Tag>}
          <Link to={url}>{t('customer.viewAll')}</Link>
        </Space>
      }
    >
      {form.isError || records.isError ? (
        <LinkedUnavailable error={form.error ?? records.error} />
      ) : (
        <Table<StoredRecord>
          rowKey="id"
          size="small"
          loading={records.isLoading || form.isLoading}
          dataSource={[...open, ...items.filter((item) => !openStates.has(String(item.data.status)))]}
          pagination={items.length > 5 ? { pageSize: 5, size: 'small' } : false}
          locale={{ emptyText: t(empty) }}
          columns={columns.map((key) => ({
            key,
            title: label(key),
            align: key === 'amount' ? ('right' as const) : undefined,
            render: (_: unknown, item: StoredRecord) => {
              if (key === 'status')
                return (
                  <Tag color={openStates.has(String(item.data.status)) ? 'processing' : 'default'}>
                    {show('status', item.data.status)}
                  </Tag>
                );
              const value = item.data[key];
              const text = key.endsWith('At') ? show(key, value).slice(0, 16) : show(key, value);
              return key === columns[0] ? <Link to={`/records/${item.formKey}/${item.id}`}>{text}</Link> : text;
            },
          }))}
        />
      )}
    </Card>
  );
}
