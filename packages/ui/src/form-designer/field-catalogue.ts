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
const twoOptions = (): Partial<FieldDefinition> => ({
  options: [
    { value: 'option1', label: { 'zh-CN': '选项一', en: 'Option 1' } },
    { value: 'option2', label: { 'zh-CN': '选项二', en: 'Option 2' } },
  ],
});

/** Every field type the palette offers, in palette order. */
export const fieldCatalogue: FieldTypeEntry[] = [
  { type: 'text', group: 'basic', label: { 'zh-CN': '单行文本', en: 'Text' } },
  { type: 'textarea', group: 'basic', label: { 'zh-CN': '多行文本', en: 'Long text' } },
  { type: 'number', group: 'basic', label: { 'zh-CN': '数字', en: 'Number' } },
  { type: 'integer', group: 'basic', label: { 'zh-CN': '整数', en: 'Whole number' } },
  { type: 'percent', group: 'basic', label: { 'zh-CN': '百分比', en: 'Percentage' } },
  { type: 'date', group: 'basic', label: { 'zh-CN': '日期', en: 'Date' } },
  { type: 'datetime', group: 'basic', label: { 'zh-CN': '日期时间', en: 'Date and time' } },
  { type: 'time', group: 'basic', label: { 'zh-CN': '时间', en: 'Time' } },
  { type: 'switch', group: 'basic', label: { 'zh-CN': '开关', en: 'Yes / no' } },
  { type: 'email', group: 'basic', label: { 'zh-CN': '邮箱', en: 'Email' } },
  { type: 'url', group: 'basic', label: { 'zh-CN': '网址', en: 'Web address' } },
  { type: 'description', group: 'basic', label: { 'zh-CN': '说明文字', en: 'Description text' }, defaults: { content: { 'zh-CN': '请在此填写说明', en: 'Write the explanation here' } } },
  { type: 'select', group: 'choice', label: { 'zh-CN': '下拉选择', en: 'Drop-down' }, defaults: twoOptions() },
  { type: 'radio', group: 'choice', label: { 'zh-CN': '单选', en: 'Single choice' }, defaults: twoOptions() },
  { type: 'multiSelect', group: 'choice', label: { 'zh-CN': '下拉多选', en: 'Multi-select' }, defaults: twoOptions() },
  { type: 'checkbox', group: 'choice', label: { 'zh-CN': '复选框', en: 'Checkboxes' }, defaults: twoOptions() },
  { type: 'money', group: 'bank', label: { 'zh-CN': '金额', en: 'Amount' }, defaults: { currency: 'CNY', precision: 2 } },
  { type: 'residentId', group: 'bank', label: { 'zh-CN': '身份证号', en: 'Resident ID number' }, defaults: { mask: 'residentId' } },
  { type: 'uscc', group: 'bank', label: { 'zh-CN': '统一社会信用代码', en: 'Social credit code' } },
  { type: 'bankCard', group: 'bank', label: { 'zh-CN': '银行卡号', en: 'Bank card number' }, defaults: { mask: 'bankCard' } },
  { type: 'mobile', group: 'bank', label: { 'zh-CN': '手机号', en: 'Mobile number' }, defaults: { mask: 'mobile' } },
  { type: 'landline', group: 'bank', label: { 'zh-CN': '固定电话', en: 'Landline' } },
  { type: 'region', group: 'bank', label: { 'zh-CN': '省市区', en: 'Region' }, defaults: { level: 'district' } },
  { type: 'address', group: 'bank', label: { 'zh-CN': '地址', en: 'Address' } },
  { type: 'attachment', group: 'advanced', label: { 'zh-CN': '附件', en: 'Attachment' }, defaults: { maxFiles: 5 } },
  { type: 'signature', group: 'advanced', label: { 'zh-CN': '签名', en: 'Signature' } },
  { type: 'userPicker', group: 'advanced', label: { 'zh-CN': '人员选择', en: 'User picker' } },
  { type: 'departmentPicker', group: 'advanced', label: { 'zh-CN': '部门选择', en: 'Department picker' } },
  { type: 'relation', group: 'advanced', label: { 'zh-CN': '关联记录', en: 'Related record' }, defaults: { form: '' } },
  { type: 'computed', group: 'advanced', label: { 'zh-CN': '计算字段', en: 'Computed' }, defaults: { rule: null, resultType: 'number' } },
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
