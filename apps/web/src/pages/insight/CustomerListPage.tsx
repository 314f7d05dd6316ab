import { WarningFilled } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { displayValue, type FieldDefinition } from '@tessera/ui';
import { Card, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CUSTOMER_FORM, searchCustomers, type CustomerData, type StoredRecord } from '../../api/customers';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { useUserDirectory } from '../../components/user-directory';
import { useLocale } from '../../i18n/locale-context';
import { tierColor } from './customer-facts';
import { useFormFields } from './use-customer-form';
import './insight.css';

const COLUMNS = ['name', 'idNumber', 'mobile', 'tier', 'aum', 'healthScore', 'accountManager', 'branch'] as const;

/** Customers the reader may see, searchable by name, ID number or mobile and filtered by tier; a row opens the 360° view. */
export function CustomerListPage() {
  const api = useApi();
  const navigate = useNavigate();
  const { t, locale } = useLocale();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const q = params.get('q') ?? '';
  const tier = params.get('tier') ?? '';
  const warningOnly = params.get('warning') === '1';
  const form = useFormFields(CUSTOMER_FORM);
  const directory = useUserDirectory();
  const customers = useQuery({
    queryKey: ['customers', q, tier, warningOnly, page, pageSize],
    queryFn: () => searchCustomers(api, { page, pageSize, q: q || undefined, tier: tier || undefined, warningOnly }),
  });

  const update = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value) merged.set(key, value);
      else merged.delete(key);
    }
    setPage(1);
    setParams(merged, { replace: true });
  };

  if (form.isLoading) return <PageLoading />;
  if (form.isError) return <ErrorAlert error={form.error} onRetry={() => void form.refetch()} />;
  const tierField = form.fields.get('tier');
  const label = (key: string) => {
    const field = form.fields.get(key);
    return field ? localize(field.label, locale) : key;
  };
  const show = (field: FieldDefinition | undefined, value: unknown) => (field ? displayValue(field, value, locale) : String(value ?? '—'));

  return (
    <div className="page" data-testid="customer-list">
      <div className="page-header">
        <div>
          <Typography.Title level={3} className="page-title">
            {t('customers.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('customers.subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Input.Search
            allowClear
            defaultValue={q}
            placeholder={t('customers.search')}
            onSearch={(value) => update({ q: value.trim() })}
            style={{ width: 260 }}
            data-testid="customer-search"
          />
          <Select
            value={tier}
            style={{ width: 140 }}
            onChange={(value: string) => update({ tier: value })}
            options={[{ value: '', label: t('customers.allTiers') }, ...(tierField?.options ?? []).map((option) => ({ value: String(option.value), label: localize(option.label, locale) }))]}
            data-testid="customer-tier-filter"
          />
          <Space size={6}>
            <Switch size="small" checked={warningOnly} onChange={(checked) => update({ warning: checked ? '1' : '' })} />
            <Typography.Text>{t('customers.warningOnly')}</Typography.Text>
          </Space>
        </Space>
      </div>
      <Card>
        {customers.isError ? (
          <ErrorAlert error={customers.error} onRetry={() => void customers.refetch()} />
        ) : (
          <Table<StoredRecord<CustomerData>>
            rowKey="id"
            size="middle"
            loading={customers.isLoading}
            dataSource={customers.data?.items ?? []}
            locale={{ emptyText: t('customers.empty') }}
            scroll={{ x: 'max-content' }}
            onRow={(record) => ({ onClick: () => navigate(`/customers/${record.id}`), className: 'clickable-row' })}
            pagination={{
              current: page,
              pageSize,
              total: customers.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (next, size) => {
                setPage(next);
                setPageSize(size);
              },
            }}
            columns={COLUMNS.filter((key) => form.fields.has(key)).map((key) => ({
              key,
              title: label(key),
              align: key === 'aum' || key === 'healthScore' ? ('right' as const) : undefined,
              render: (_: unknown, record: StoredRecord<CustomerData>) => {
                const value = record.data[key];
                if (key === 'name')
                  return (
                    <Space size={6}>
                      <Link to={`/customers/${record.id}`} onClick={(event) => event.stopPropagation()}>
                        {show(form.fields.get(key), value)}
                      </Link>
                      {record.data.warning && <WarningFilled className="warning-icon" aria-label={t('customer.warning')} />}
                    </Space>
                  );
                if (key === 'accountManager') return directory.name(record.data.accountManager);
                if (key === 'tier') return value ? <Tag color={tierColor(String(value))}>{show(tierField, value)}</Tag> : '—';
                return show(form.fields.get(key), value);
              },
            }))}
          />
        )}
      </Card>
    </div>
  );
}
