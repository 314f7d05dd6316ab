import { DownloadOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { localize } from '@tessera/rules';
import { displayValue, type FieldDefinition } from '@tessera/ui';
import { App, Breadcrumb, Button, Card, Checkbox, Input, Popover, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeError } from '../../api/api-error';
import { fetchForm, fetchRecords, type RecordItem } from '../../api/forms';
import { useApi } from '../../auth/auth-context';
import { ErrorAlert, PageLoading } from '../../components/PageState';
import { formatDateTime } from '../../i18n/format';
import { useLocale } from '../../i18n/locale-context';

const DEFAULT_COLUMNS = 6;
const listable = (field: FieldDefinition) =>
  !['subform', 'description', 'attachment', 'signature'].includes(field.type);

/** A form's records with search, column choice, pagination and export, projected for the reader. */
export function RecordListPage() {
  const { formKey } = useParams();
  const api = useApi();
  const { t, locale } = useLocale();
  const { notification } = App.useApp();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string[] | null>(null);
  const form = useQuery({ queryKey: ['form', formKey], queryFn: () => fetchForm(api, formKey!) });
  const records = useQuery({
    queryKey: ['records', formKey, page, pageSize, query],
    queryFn: () => fetchRecords(api, formKey!, { page, pageSize, q: query || undefined }),
    enabled: !!form.data,
  });

  if (form.isLoading) return <PageLoading />;
  if (form.isError || !form.data) return <ErrorAlert error={form.error} onRetry={() => void form.refetch()} />;
  const definition = form.data.definition;
  const fields = definition.fields.filter(listable);
  const shown = chosen ?? fields.slice(0, DEFAULT_COLUMNS).map((field) => field.key);

  const exportRecords = async () => {
    try {
      const { blob, fileName } = await api.download(`/forms/${encodeURIComponent(formKey!)}/records/export`, {
        query: { format: 'xlsx' },
      });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = fileName ?? `${formKey}.xlsx`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (error) {
      notification.error({ message: t('records.exportFailed'), description: describeError(error).title });
    }
  };

  return (
    <div className="page">
      <Breadcrumb
        className="page-breadcrumb"
        items={[{ title: <Link to="/apps">{t('nav.apps')}</Link> }, { title: localize(definition.title, locale) }]}
      />
      <div className="page-header">
        <Typography.Title level={3} className="page-title">
          {localize(definition.title, locale)}
        </Typography.Title>
        <Space>
          <Input.Search
            allowClear
            placeholder={t('records.search')}
            onSearch={(value) => {
              setPage(1);
              setQuery(value.trim());
            }}
            style={{ width: 240 }}
          />
          <Popover
            trigger="click"
            placement="bottomRight"
            title={t('records.columns')}
            content={
              <Checkbox.Group
                className="column-chooser"
                value={shown}
                onChange={(values) => setChosen(values as string[])}
                options={fields.map((field) => ({ value: field.key, label: localize(field.label, locale) }))}
              />
            }
          >
            <Button icon={<SettingOutlined />}>{t('records.columns')}</Button>
          </Popover>
          <Button icon={<DownloadOutlined />} onClick={() => void exportRecords()}>
            {t('records.export')}
          </Button>
        </Space>
      </div>
      <Card>
        {records.isError ? (
          <ErrorAlert error={records.error} onRetry={() => void records.refetch()} />
        ) : (
          <Table<RecordItem>
            rowKey="id"
            loading={records.isLoading}
            dataSource={records.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: page,
              pageSize,
              total: records.data?.total ?? 0,
              showSizeChanger: true,
              onChange: (next, size) => {
                setPage(next);
                setPageSize(size);
              },
            }}
            columns={[
              ...fields
                .filter((field) => shown.includes(field.key))
                .map((field) => ({
                  key: field.key,
                  title: localize(field.label, locale),
                  render: (_: unknown, record: RecordItem) => displayValue(field, record.data[field.key], locale),
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
