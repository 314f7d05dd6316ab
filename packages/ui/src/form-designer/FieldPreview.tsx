import { CalendarOutlined, ClockCircleOutlined, EditOutlined, LinkOutlined, PaperClipOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { localize } from '@tessera/rules';
import { Checkbox, Input, InputNumber, Radio, Select, Switch, Typography } from 'antd';
import type { FieldDefinition } from '../form-model/form-definition';
import type { Locale } from '../i18n/ui-locale';

/** A still picture of a field's control on the canvas; it takes no input. */
export function FieldPreview({ field, locale }: { field: FieldDefinition; locale: Locale }) {
  const placeholder = field.placeholder ? localize(field.placeholder, locale) : undefined;
  const options = (field.options ?? []).map((option) => ({ value: option.value, label: localize(option.label, locale) }));
  switch (field.type) {
    case 'textarea':
      return <Input.TextArea disabled rows={2} placeholder={placeholder} />;
    case 'number':
    case 'integer':
    case 'percent':
      return <InputNumber disabled style={{ width: '100%' }} placeholder={placeholder} addonAfter={field.type === 'percent' ? '%' : undefined} />;
    case 'money':
      return <InputNumber disabled style={{ width: '100%' }} placeholder={placeholder} addonBefore={field.currency === 'CNY' || !field.currency ? '¥' : field.currency} />;
    case 'date':
    case 'datetime':
      return <Input disabled suffix={<CalendarOutlined />} placeholder={placeholder} />;
    case 'time':
      return <Input disabled suffix={<ClockCircleOutlined />} placeholder={placeholder} />;
    case 'select':
    case 'multiSelect':
    case 'region':
      return <Select disabled style={{ width: '100%' }} options={options} placeholder={placeholder} mode={field.type === 'multiSelect' ? 'multiple' : undefined} />;
    case 'radio':
      return <Radio.Group disabled options={options} />;
    case 'checkbox':
      return <Checkbox.Group disabled options={options} />;
    case 'switch':
      return <Switch disabled size="small" />;
    case 'attachment':
      return <Input disabled prefix={<PaperClipOutlined />} placeholder={placeholder} />;
    case 'signature':
      return <Input disabled prefix={<EditOutlined />} placeholder={placeholder} />;
    case 'userPicker':
      return <Input disabled prefix={<UserOutlined />} placeholder={placeholder} />;
    case 'departmentPicker':
      return <Input disabled prefix={<TeamOutlined />} placeholder={placeholder} />;
    case 'relation':
      return <Input disabled prefix={<LinkOutlined />} placeholder={field.form || placeholder} />;
    case 'description':
      return <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{field.content ? localize(field.content, locale) : ''}</Typography.Paragraph>;
    case 'computed':
      return <Input disabled placeholder="ƒ(x)" />;
    default:
      return <Input disabled placeholder={placeholder} />;
  }
}
