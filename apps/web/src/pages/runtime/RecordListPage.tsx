import { DownloadOutlined, FilterOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { displayValue, type FieldDefinition } from '@tessera/ui';
import { App, Breadcrumb, Button, Card, Checkbox, DatePicker, Dropdown, Input, InputNumber, Popover, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { describeError } from '../../api/api-error';
import { fetchForm, fetchRecords, type RecordItem } from '../../api/forms';
import { exportRecords, type ExportFormat } from '../../api/records';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';
import '../../components/work.css';
import { loadColumnChoice, saveColumnChoice } from './column-choice';
import { combineRules, describeRule, filterKindOf, filterRule, type FieldFilter } from './record-filter';

const DEFAULT_COLUMNS = 6;
const listable = (field: FieldDefinition) => !['subform', 'description', 'attachment', 'signature'].includes(field.type);

function parseAddressFilter(raw: string | null): { rule?: unknown; unreadable: boolean } {
  if (!raw) return { unreadable: false };
  try {
    return { rule: JSON.parse(raw) as unknown, unreadable: false };
  } catch {
    return { unreadable: true };
  }
}

/** The filter box of one column: options, a from–to range or a text search, by the field's type. */
function columnFilter(field: FieldDefinition, current: FieldFilter | undefined, set: (filter: FieldFilter | undefined) => void, locale: 'zh-CN' | 'en', t: (key: 'records.filterApply' | 'records.filterClear' | 'records.from' | 'records.to') => string): Partial<ColumnType<RecordItem>> {
  const kind = filterKindOf(field);
  if (!kind) return {};
  const active = current !== undefined && (current.kind === 'options' ? current.values.length > 0 : current.kind === 'range' ? !!(current.from || current.to) : !!current.contains.trim());
  if (kind === 'options') {
    const options =
      field.type === 'switch'
        ? [
            { value: 'true', text: locale === 'zh-CN' ? '是' : 'Yes' },
            { value: 'false', text: locale === 'zh-CN' ? '否' : 'No' },
          ]
        : (field.options ?? []).map((option) => ({ value: option.value, text: localize(option.label, locale) }));
    return {
      filters: options,
      filteredValue: current?.kind === 'options' ? current.values : null,
      filterMultiple: true,
    };
  }
  return {
    filteredValue: active ? ['on'] : null,
    filterIcon: () => <FilterOutlined style={{ color: active ? '#1677ff' : undefined }} />,
    filterDropdown: ({ close }) => (
      <RangeOrTextFilter field={field} kind={kind} current={current} locale={locale} t={t} onApply={(next) => { set(next); close(); }} />
    ),
  };
}

function RangeOrTextFilter({ field, kind, current, onApply, t }: { field: FieldDefinition; kind: 'range' | 'text'; current: FieldFilter | undefined; locale: 'zh-CN' | 'en'; onApply(filter: FieldFilter | undefined): void; t: (key: 'records.filterApply' | 'records.filterClear' | 'records.from' | 'records.to') => string }) {
  const [from, setFrom] = useState(current?.kind === 'range' ? (current.from ?? '') : '');
  const [to, setTo] = useState(current?.kind === 'range' ? (current.to ?? '') : '');
  const [contains, setContains] = useState(current?.kind === 'text' ? current.contains : '');
  const dated = field.type === 'date' || field.type === 'datetime';
  return (
    <div className="column-filter" data-testid={`filter-${field.key}`}>
      {kind === 'text' ? (
        <Input value={contains} onChange={(event) => setContains(event.target.value)} onPressEnter={() => onApply({ kind: 'text', contains })} style={{ width: 220 }} />
      ) : dated ? (
        <DatePicker.RangePicker
          value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
          onChange={(range) => {
            setFrom(range?.[0] ? range[0].format('YYYY-MM-DD') : '');
            setTo(range?.[1] ? range[1].format('YYYY-MM-DD') : '');
          }}
          allowEmpty={[true, true]}
        />
      ) : (
        <Space>
          <InputNumber placeholder={t('records.from')} value={from === '' ? null : from} onChange={(value) => setFrom(value === null ? '' : String(value))} stringMode style={{ width: 120 }} />
          <span>–</span>
          <InputNumber placeholder={t('records.to')} value={to === '' ? null : to} onChange={(value) => setTo(value === null ? '' : String(value))} stringMode style={{ width: 120 }} />
        </Space>
      )}
      <div className="column-filter-actions">
        <Button size="small" onClick={() => onApply(undefined)}>
          {t('records.filterClear')}
        </Button>
        <Button size="small" type="primary" onClick={() => onApply(kind === 'text' ? { kind: 'text', contains } : { kind: 'range', from, to })}>
          {t('records.filterApply')}
        </Button>
      </div>
    </div>
  );
}

/** A form's records with search, column filters, a drill-down filter, column choice, pagination and export. */
export function RecordListPage() {
  const { formKey } = useParams();
  const api = useApi();
  const navigate = useNavigate();
  const { t, locale } = useLocale();
  const { notification } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string[] | null>(() => loadColumnChoice(formKey!));
  const [filters, setFilters] = useState<Record<string, FieldFilter | undefined>>({});
  const addressFilter = useMemo(() => parseAddressFilter(params.get('filter')), [params]);
  const form = useQuery({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey!) });
  const fields = useMemo(() => (form.data?.definition.fields ?? []).filter(listable), [form.data]);
  const rule = combineRules(addressFilter.rule, filterRule(fields, filters));
  const records = useQuery({
    queryKey: ['records', formKey, page, pageSize, query, JSON.stringify(rule ?? null)],
    queryFn: () => fetchRecords(api, formKey!, { page, pageSize, q: query || undefined, filter: rule }),
    enabled: !!form.data,
  });

  if (form.isLoading) return <PageLoading />;
  if (form.isError || !form.data) return <ErrorAlert error={form.error} onRetry={() => void form.refetch()} />;
  const definition = form.data.definition;
  const shown = (chosen ?? fields.slice(0, DEFAULT_COLUMNS).map((field) => field.key)).filter((key) => fields.some((field) => field.key === key));
  const setFilter = (key: string, filter: FieldFilter | undefined) => {
    setPage(1);
    setFilters((previous) => ({ ...previous, [key]: filter }));
  };
  const removeAddressFilter = () => {
    const next = new URLSearchParams(params);
    next.delete('filter');
    setPage(1);
    setParams(next);
  };
  const addressText = addressFilter.rule === undefined ? null : describeRule(addressFilter.rule, fields, locale);

  const download = async (format: ExportFormat) => {
    try {
      const { blob, fileName } = await exportRecords(api, formKey!, format, rule);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = fileName ?? `${formKey}.${format}`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      notification.error({ message: t('records.exportFailed'), description: describeError(error).title });
    }
  };

  return (
    <div className="page">
      <Breadcrumb className="page-breadcrumb" items={[{ title: <Link to="/apps">{t('nav.apps')}</Link> }, { title: localize(definition.title, locale) }]} />
      <div className="page-header">
        <Typography.Title level={3} className="page-title">
          {localize(definition.title, locale)}
        </Typography.Title>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={t('records.search')}
            onSearch={(value) => {
              setPage(1);
              setQuery(value.trim());
            }}
            style={{ width: 220 }}
          />
          <Popover
            trigger="click"
            placement="bottomRight"
            title={t('records.columns')}
            content={
              <Checkbox.Group
                className="column-chooser"
                value={shown}
                onChange={(values) => {
                  setChosen(values as string[]);
                  saveColumnChoice(formKey!, values as string[]);
                }}
                options={fields.map((field) => ({ value: field.key, label: localize(field.label, locale) }))}
              />
            }
          >
            <Button icon={<SettingOutlined />}>{t('records.columns')}</Button>
          </Popover>
          <Dropdown.Button
            icon={<DownloadOutlined />}
            onClick={() => void download('xlsx')}
            menu={{ items: [{ key: 'csv', label: t('records.exportCsv') }], onClick: () => void download('csv') }}
            data-testid="records-export"
          >
            {t('records.export')}
          </Dropdown.Button>
        </Space>
      </div>
      {(addressFilter.rule !== undefined || addressFilter.unreadable) && (
        <div className="record-filter-chips">
          <Typography.Text type="secondary">{t('records.drillFilter')}</Typography.Text>
          <Tooltip title={addressFilter.unreadable ? undefined : JSON.stringify(addressFilter.rule)}>
            <Tag closable color={addressFilter.unreadable ? 'error' : 'blue'} onClose={removeAddressFilter} data-testid="drill-filter-chip">
              {addressFilter.unreadable ? t('records.filterUnreadable') : (addressText ?? t('records.customFilter'))}
            </Tag>
          </Tooltip>
        </div>
      )}
      <Card>
        {records.isError ? (
          <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />
        ) : (
          <Table<RecordItem>
            rowKey="id"
            loading={records.isLoading}
            dataSource={records.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            rowClassName={() => 'record-row'}
            onRow={(record) => ({ onClick: () => navigate(`/records/${encodeURIComponent(formKey!)}/${record.id}`), 'data-testid': `record-${record.id}` }) as React.HTMLAttributes<HTMLElement>}
            onChange={(pagination, tableFilters) => {
              for (const field of fields) {
                if (filterKindOf(field) !== 'options') continue;
                const values = (tableFilters[field.key] ?? []) as string[];
                const before = filters[field.key];
                const same = before?.kind === 'options' ? before.values.join() === values.join() : values.length === 0;
                if (!same) setFilter(field.key, values.length ? { kind: 'options', values } : undefined);
              }
              if (pagination.current) setPage(pagination.current);
              if (pagination.pageSize) setPageSize(pagination.pageSize);
            }}
            pagination={{ current: page, pageSize, total: records.data?.total ?? 0, showSizeChanger: true, showTotal: (total) => t('records.total', { total }) }}
            columns={[
              ...fields
                .filter((field) => shown.includes(field.key))
                .map((field) => ({
                  key: field.key,
                  title: localize(field.label, locale),
                  render: (_: unknown, record: RecordItem) => displayValue(field, record.data[field.key], locale),
                  ...columnFilter(field, filters[field.key], (filter) => setFilter(field.key, filter), locale, t),
                })),
              {
                key: 'updatedAt',
                title: t('records.updatedAt'),
                render: (_: unknown, record: RecordItem) => formatDateTime(record.updatedAt, locale),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
