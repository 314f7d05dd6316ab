import { localize, type Locale } from '@tessera/rules';
import { Checkbox, DatePicker, Input, InputNumber, Radio, Select, Switch, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { FieldDefinition, OptionDefinition } from '../form-model/form-definition';
import { textFor } from '../i18n/ui-locale';

const text = {
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  choose: { 'zh-CN': '请选择', en: 'Choose' },
  enter: { 'zh-CN': '请输入', en: 'Enter' },
  province: { 'zh-CN': '省级代码', en: 'Province code' },
  city: { 'zh-CN': '市级代码', en: 'City code' },
  district: { 'zh-CN': '区县代码', en: 'District code' },
  detail: { 'zh-CN': '详细地址', en: 'Street address' },
  postalCode: { 'zh-CN': '邮编', en: 'Postcode' },
  search: { 'zh-CN': '输入关键字查找记录', en: 'Type to find a record' },
  attachmentHint: { 'zh-CN': '附件由流程办理页上传', en: 'Attachments are uploaded on the task page' },
};

const TEXTAREA_ROWS = { minRows: 2, maxRows: 6 };
/** What autoSize sets on a text area besides its height: no drag handle. */
const EMPTY_TEXTAREA_STYLE = { resize: 'none' } as const;
const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;
const GROUPED_FRACTION = /\.(\d*),/g;
const COMMAS = /,/g;

function formatMoneyInput(input: string | undefined): string {
  return input ? String(input).replace(THOUSANDS, ',').replace(GROUPED_FRACTION, '.$1') : '';
}

function parseMoneyInput(input: string | undefined): string {
  return (input ?? '').replace(COMMAS, '');
}

/** Finds records of another form for a relation field: `{ id, display }` per match. */
export type RelationSearch = (formKey: string, query: string) => Promise<Array<{ id: string; display: string }>>;

export interface FieldControlProps {
  field: FieldDefinition;
  value: unknown;
  onChange(value: unknown): void;
  options?: readonly OptionDefinition[];
  locale: Locale;
  invalid?: boolean;
  id: string;
  searchRelation?: RelationSearch;
}

function RegionInputs({ value, onChange, level, locale }: { value: Record<string, string> | undefined; onChange(value: unknown): void; level: FieldDefinition['level']; locale: Locale }) {
  const t = textFor(text, locale);
  const parts = (['province', 'city', 'district'] as const).slice(0, ['province', 'city', 'district'].indexOf(level ?? 'district') + 1);
  return (
    <div className="renderer-region">
      {parts.map((part) => (
        <Input
          key={part}
          placeholder={t(part)}
          maxLength={6}
          value={value?.[part] ?? ''}
          onChange={(event) => {
            const next = { ...(value ?? {}), [part]: event.target.value.trim() };
            if (!next[part]) delete next[part];
            onChange(Object.keys(next).length > 0 ? next : undefined);
          }}
        />
      ))}
    </div>
  );
}

function RelationSelect({ field, value, onChange, search, locale }: { field: FieldDefinition; value: unknown; onChange(value: unknown): void; search?: RelationSearch; locale: Locale }) {
  const t = textFor(text, locale);
  const [found, setFound] = useState<Array<{ id: string; display: string }>>([]);
  const selected = (Array.isArray(value) ? value : value ? [value] : []) as Array<{ id: string; display?: string }>;
  const known = new Map([...selected.map((item) => [item.id, item.display ?? item.id] as const), ...found.map((item) => [item.id, item.display] as const)]);
  return (
    <Select
      showSearch
      allowClear
      filterOption={false}
      mode={field.multiple ? 'multiple' : undefined}
      placeholder={t('search')}
      value={field.multiple ? selected.map((item) => item.id) : selected[0]?.id}
      options={[...known].map(([id, display]) => ({ value: id, label: display }))}
      onSearch={(query) => {
        if (!search || !field.form || query.trim() === '') return;
        void search(field.form, query.trim()).then(setFound, () => setFound([]));
      }}
      onChange={(ids: string | string[] | undefined) => {
        const pick = (id: string) => ({ id, display: known.get(id) ?? id });
        if (ids === undefined) return onChange(undefined);
        onChange(Array.isArray(ids) ? ids.map(pick) : pick(ids));
      }}
    />
  );
}

/** The editable control for one field type, holding the value in the shape `@tessera/forms` stores. */
export function FieldControl({ field, value, onChange, options, locale, invalid, id, searchRelation }: FieldControlProps) {
  const t = textFor(text, locale);
  const status = invalid ? 'error' : undefined;
  const placeholder = field.placeholder ? localize(field.placeholder, locale) : undefined;
  const choices = (options ?? field.options ?? []).map((option) => ({ value: option.value, label: localize(option.label, locale) }));
  const textValue = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  const textChange = (next: string) => onChange(next === '' ? undefined : next);

  switch (field.type) {
    case 'textarea':
      // An empty box without a placeholder is two rows high, as autoSize would make it: it measures
      // itself (a synchronous layout of the whole page per text area) only once it holds text.
      return textValue === '' && !placeholder ? (
        <Input.TextArea id={id} status={status} placeholder={placeholder} rows={TEXTAREA_ROWS.minRows} style={EMPTY_TEXTAREA_STYLE} maxLength={field.maxLength} value={textValue} onChange={(event) => textChange(event.target.value)} />
      ) : (
        <Input.TextArea id={id} status={status} placeholder={placeholder} autoSize={TEXTAREA_ROWS} maxLength={field.maxLength} value={textValue} onChange={(event) => textChange(event.target.value)} />
      );
    case 'number':
    case 'integer':
    case 'percent':
      return (
        <InputNumber
          id={id}
          status={status}
          style={{ width: '100%' }}
          placeholder={placeholder}
          precision={field.type === 'integer' ? 0 : field.precision}
          addonAfter={field.type === 'percent' ? '%' : undefined}
          value={typeof value === 'number' ? value : null}
          onChange={(next) => onChange(next === null ? undefined : next)}
        />
      );
    case 'money':
      return (
        <InputNumber<string>
          id={id}
          status={status}
          stringMode
          style={{ width: '100%' }}
          placeholder={placeholder}
          precision={field.precision ?? 2}
          addonBefore={!field.currency || field.currency === 'CNY' ? '¥' : field.currency}
          formatter={formatMoneyInput}
          parser={parseMoneyInput}
          value={typeof value === 'string' ? value : null}
          onChange={(next) => onChange(next === null || next === '' ? undefined : String(next))}
        />
      );
    case 'date':
      return <DatePicker id={id} status={status} style={{ width: '100%' }} placeholder={placeholder} value={textValue ? dayjs(textValue) : null} onChange={(next) => onChange(next ? next.format('YYYY-MM-DD') : undefined)} />;
    case 'datetime':
      return <DatePicker id={id} status={status} showTime style={{ width: '100%' }} placeholder={placeholder} value={textValue ? dayjs(textValue) : null} onChange={(next) => onChange(next ? next.toISOString() : undefined)} />;
    case 'time':
      return <TimePicker id={id} status={status} format="HH:mm" style={{ width: '100%' }} placeholder={placeholder} value={textValue ? dayjs(`2000-01-01T${textValue}`) : null} onChange={(next) => onChange(next ? next.format('HH:mm') : undefined)} />;
    case 'select':
      return <Select id={id} status={status} allowClear placeholder={placeholder ?? t('choose')} options={choices} value={value as string | undefined} onChange={(next) => onChange(next ?? undefined)} />;
    case 'multiSelect':
      return <Select id={id} status={status} mode="multiple" allowClear placeholder={placeholder ?? t('choose')} options={choices} value={(value as string[] | undefined) ?? []} onChange={(next: string[]) => onChange(next.length > 0 ? next : undefined)} />;
    case 'radio':
      return <Radio.Group id={id} options={choices} value={value} onChange={(event) => onChange(event.target.value)} />;
    case 'checkbox':
      return <Checkbox.Group options={choices} value={(value as Array<string | number> | undefined) ?? []} onChange={(next) => onChange(next.length > 0 ? next : undefined)} />;
    case 'switch':
      return <Switch id={id} checked={value === true} checkedChildren={t('yes')} unCheckedChildren={t('no')} onChange={(next) => onChange(next)} />;
    case 'region':
      return <RegionInputs value={value as Record<string, string> | undefined} onChange={onChange} level={field.level} locale={locale} />;
    case 'address': {
      const address = (value ?? {}) as { region?: Record<string, string>; detail?: string; postalCode?: string };
      const update = (patch: Partial<typeof address>) => {
        const next = { ...address, ...patch };
        for (const key of Object.keys(next) as Array<keyof typeof next>) if (next[key] === undefined || next[key] === '') delete next[key];
        onChange(Object.keys(next).length > 0 ? next : undefined);
      };
      return (
        <div className="renderer-address">
          {field.level && <RegionInputs value={address.region} onChange={(region) => update({ region: region as Record<string, string> | undefined })} level={field.level} locale={locale} />}
          <Input id={id} status={status} placeholder={t('detail')} value={address.detail ?? ''} onChange={(event) => update({ detail: event.target.value })} />
          <Input placeholder={t('postalCode')} maxLength={6} value={address.postalCode ?? ''} onChange={(event) => update({ postalCode: event.target.value })} style={{ width: 120 }} />
        </div>
      );
    }
    case 'relation':
      return <RelationSelect field={field} value={value} onChange={onChange} search={searchRelation} locale={locale} />;
    case 'userPicker':
    case 'departmentPicker':
      return field.multiple ? (
        <Select id={id} status={status} mode="tags" placeholder={placeholder ?? t('enter')} value={(value as string[] | undefined) ?? []} onChange={(next: string[]) => onChange(next.length > 0 ? next : undefined)} />
      ) : (
        <Input id={id} status={status} placeholder={placeholder ?? t('enter')} value={textValue} onChange={(event) => textChange(event.target.value.trim())} />
      );
    case 'attachment':
    case 'signature':
      return <Typography.Text type="secondary">{t('attachmentHint')}</Typography.Text>;
    default:
      return (
        <Input
          id={id}
          status={status}
          placeholder={placeholder}
          maxLength={field.maxLength}
          inputMode={field.type === 'mobile' || field.type === 'bankCard' ? 'numeric' : undefined}
          value={textValue}
          onChange={(event) => textChange(field.type === 'text' || field.type === 'textarea' ? event.target.value : event.target.value.trim())}
        />
      );
  }
}
