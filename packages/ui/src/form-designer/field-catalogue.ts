import type { LocalizedText } from '@tessera/rules';
import type { FieldDefinition, FieldType } from '../form-model/form-definition';

export interface FieldTypeEntry {
  type: FieldType;
  label: LocalizedText;
  group: 'basic' | 'choice' | 'bank' | 'advanced';
  /** What a new field of this type starts with, besides key, type and label. */
  defaults?: Partial<FieldDefinition>;
}

/** Every field type the palette offers, in palette order. */
export const fieldCatalogue: FieldTypeEntry[] = [
  { type: 'text', group: 'basic', label: { 'zh-CN': '单行文本', en: 'Text' } },
  { type: 'textarea', group: 'basic', label: { 'zh-CN': '多行文本', en: 'Long text' } },
  { type: 'number', group: 'basic', label: { 'zh-CN': '数字', en: 'Number' } },
  { type: 'date', group: 'basic', label: { 'zh-CN': '日期', en: 'Date' } },
  { type: 'datetime', group: 'basic', label: { 'zh-CN': '日期时间', en: 'Date and time' } },
  { type: 'boolean', group: 'basic', label: { 'zh-CN': '开关', en: 'Yes / no' } },
  { type: 'email', group: 'basic', label: { 'zh-CN': '邮箱', en: 'Email' } },
  {
    type: 'select',
    group: 'choice',
    label: { 'zh-CN': '下拉选择', en: 'Drop-down' },
    defaults: { options: [{ value: 'option1', label: { 'zh-CN': '选项一', en: 'Option 1' } }, { value: 'option2', label: { 'zh-CN': '选项二', en: 'Option 2' } }] },
  },
  {
    type: 'radio',
    group: 'choice',
    label: { 'zh-CN': '单选', en: 'Single choice' },
    defaults: { options: [{ value: 'yes', label: { 'zh-CN': '是', en: 'Yes' } }, { value: 'no', label: { 'zh-CN': '否', en: 'No' } }] },
  },
  {
    type: 'checkboxes',
    group: 'choice',
    label: { 'zh-CN': '多选', en: 'Multiple choice' },
    defaults: { options: [{ value: 'option1', label: { 'zh-CN': '选项一', en: 'Option 1' } }, { value: 'option2', label: { 'zh-CN': '选项二', en: 'Option 2' } }] },
  },
  { type: 'money', group: 'bank', label: { 'zh-CN': '金额', en: 'Amount' }, defaults: { currency: 'CNY', precision: 2 } },
  { type: 'idNumber', group: 'bank', label: { 'zh-CN': '身份证号', en: 'Resident ID number' }, defaults: { mask: 'idNumber' } },
  { type: 'creditCode', group: 'bank', label: { 'zh-CN': '统一社会信用代码', en: 'Social credit code' } },
  { type: 'bankCard', group: 'bank', label: { 'zh-CN': '银行卡号', en: 'Bank card number' }, defaults: { mask: 'bankCard' } },
  { type: 'mobile', group: 'bank', label: { 'zh-CN': '手机号', en: 'Mobile number' }, defaults: { mask: 'mobile' } },
  { type: 'attachment', group: 'advanced', label: { 'zh-CN': '附件', en: 'Attachment' } },
  { type: 'relation', group: 'advanced', label: { 'zh-CN': '关联记录', en: 'Related record' }, defaults: { relation: { formKey: '' } } },
  { type: 'computed', group: 'advanced', label: { 'zh-CN': '计算字段', en: 'Computed' }, defaults: { compute: null, readonly: true } },
  { type: 'subform', group: 'advanced', label: { 'zh-CN': '子表单（明细）', en: 'Subform (rows)' }, defaults: { fields: [] } },
];

export const fieldGroups: Array<{ group: FieldTypeEntry['group']; label: LocalizedText }> = [
  { group: 'basic', label: { 'zh-CN': '基础字段', en: 'Basic' } },
  { group: 'choice', label: { 'zh-CN': '选择字段', en: 'Choices' } },
  { group: 'bank', label: { 'zh-CN': '银行字段', en: 'Banking' } },
  { group: 'advanced', label: { 'zh-CN': '高级字段', en: 'Advanced' } },
];

export function catalogueEntry(type: FieldType): FieldTypeEntry {
  const entry = fieldCatalogue.find((candidate) => candidate.type === type);
  if (!entry) throw new Error(`Unknown field type "${type}"`);
  return entry;
}
