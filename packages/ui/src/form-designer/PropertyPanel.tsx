import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { localize } from '@tessera/rules';
import { Alert, Button, Empty, Form, Input, InputNumber, Select, Space, Switch, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { FieldDefinition, FieldMask, FormDefinition, MaskPreset } from '../form-model/form-definition';
import { textFor, type Locale, type NamedOption } from '../i18n/ui-locale';
import type { RuleField } from '../rule-editor/RuleEditor';
import type { DesignerSelection } from './DesignCanvas';
import { catalogueEntry } from './field-catalogue';
import { allFields, fieldKeyProblem, findField, sectionsOf, type DesignerAction } from './form-document';
import { ConditionInput, LocalizedInput, OptionsEditor, PermissionsEditor, RuleButton } from './property-inputs';

const text = {
  formProperties: { 'zh-CN': '表单属性', en: 'Form properties' },
  formKey: { 'zh-CN': '表单标识', en: 'Form key' },
  formTitle: { 'zh-CN': '表单名称', en: 'Form title' },
  description: { 'zh-CN': '说明', en: 'Description' },
  columns: { 'zh-CN': '默认列数', en: 'Default columns' },
  sectionProperties: { 'zh-CN': '分组属性', en: 'Section properties' },
  tabProperties: { 'zh-CN': '标签页属性', en: 'Tab properties' },
  title: { 'zh-CN': '标题', en: 'Title' },
  sectionColumns: { 'zh-CN': '列数', en: 'Columns' },
  collapsible: { 'zh-CN': '可折叠', en: 'Collapsible' },
  removeSection: { 'zh-CN': '删除分组及其字段', en: 'Remove the section and its fields' },
  removeTab: { 'zh-CN': '删除标签页及其字段', en: 'Remove the tab and its fields' },
  addSectionToTab: { 'zh-CN': '在此标签页添加分组', en: 'Add a section to this tab' },
  basics: { 'zh-CN': '基础', en: 'Basics' },
  rules: { 'zh-CN': '规则', en: 'Rules' },
  checks: { 'zh-CN': '校验', en: 'Checks' },
  access: { 'zh-CN': '权限', en: 'Access' },
  key: { 'zh-CN': '字段标识', en: 'Field key' },
  label: { 'zh-CN': '标签', en: 'Label' },
  placeholder: { 'zh-CN': '占位提示', en: 'Placeholder' },
  help: { 'zh-CN': '帮助说明', en: 'Help text' },
  content: { 'zh-CN': '说明内容', en: 'Content' },
  span: { 'zh-CN': '占用列数', en: 'Column span' },
  options: { 'zh-CN': '选项', en: 'Options' },
  currency: { 'zh-CN': '币种', en: 'Currency' },
  precision: { 'zh-CN': '小数位数', en: 'Decimal places' },
  min: { 'zh-CN': '最小值', en: 'Minimum' },
  max: { 'zh-CN': '最大值', en: 'Maximum' },
  minLength: { 'zh-CN': '最少字数', en: 'Minimum length' },
  maxLength: { 'zh-CN': '最多字数', en: 'Maximum length' },
  pattern: { 'zh-CN': '正则表达式', en: 'Pattern' },
  minAge: { 'zh-CN': '最小年龄', en: 'Minimum age' },
  maxAge: { 'zh-CN': '最大年龄', en: 'Maximum age' },
  relationForm: { 'zh-CN': '关联表单', en: 'Related form' },
  displayField: { 'zh-CN': '显示字段', en: 'Display field' },
  multiple: { 'zh-CN': '允许多个', en: 'Allow several' },
  minRows: { 'zh-CN': '最少行数', en: 'Minimum rows' },
  maxRows: { 'zh-CN': '最多行数', en: 'Maximum rows' },
  maxFiles: { 'zh-CN': '最多文件数', en: 'Maximum files' },
  computeRule: { 'zh-CN': '计算规则', en: 'Computation' },
  resultType: { 'zh-CN': '结果类型', en: 'Result type' },
  required: { 'zh-CN': '必填', en: 'Required' },
  visible: { 'zh-CN': '显示', en: 'Visible' },
  readonly: { 'zh-CN': '只读', en: 'Read-only' },
  visibleAlways: { 'zh-CN': '始终显示', en: 'Always shown' },
  mask: { 'zh-CN': '脱敏显示', en: 'Masking' },
  noMask: { 'zh-CN': '不脱敏', en: 'No masking' },
  validations: { 'zh-CN': '自定义校验', en: 'Custom checks' },
  addValidation: { 'zh-CN': '添加校验', en: 'Add a check' },
  validationMessage: { 'zh-CN': '不通过时的提示', en: 'Message when it fails' },
  remove: { 'zh-CN': '删除', en: 'Remove' },
  nothing: { 'zh-CN': '请选择画布上的字段或分组', en: 'Select a field or a section on the canvas' },
  'mask.mobile': { 'zh-CN': '手机号（138****1234）', en: 'Mobile (138****1234)' },
  'mask.landline': { 'zh-CN': '固定电话', en: 'Landline' },
  'mask.residentId': { 'zh-CN': '身份证号（110***********1234）', en: 'Resident ID' },
  'mask.bankCard': { 'zh-CN': '银行卡号（6222********1234）', en: 'Bank card' },
  'mask.name': { 'zh-CN': '姓名（张**）', en: 'Name (Z**)' },
  'mask.email': { 'zh-CN': '邮箱', en: 'Email' },
  'mask.full': { 'zh-CN': '全部隐藏', en: 'Hide entirely' },
  'result.string': { 'zh-CN': '文本', en: 'Text' },
  'result.number': { 'zh-CN': '数字', en: 'Number' },
  'result.integer': { 'zh-CN': '整数', en: 'Whole number' },
  'result.money': { 'zh-CN': '金额', en: 'Amount' },
  'result.boolean': { 'zh-CN': '是/否', en: 'Yes / no' },
  'result.date': { 'zh-CN': '日期', en: 'Date' },
  'result.datetime': { 'zh-CN': '日期时间', en: 'Date and time' },
};

type Translate = ReturnType<typeof textFor<keyof typeof text>>;
type Dispatch = (action: DesignerAction, group?: string) => void;

const maskPresets: MaskPreset[] = ['mobile', 'landline', 'residentId', 'bankCard', 'name', 'email', 'full'];
const choiceTypes = new Set(['select', 'radio', 'multiSelect', 'checkbox']);
const textTypes = new Set(['text', 'textarea']);
const numberTypes = new Set(['number', 'integer', 'money', 'percent']);

/** The variables a rule on this form can read, in the shape the rule editor lists them. */
export function ruleFieldsOf(form: FormDefinition): RuleField[] {
  return allFields(form)
    .filter(({ field, parent }) => parent === null && field.type !== 'description')
    .map(({ field }) => ({ key: field.key, label: field.label, type: field.type, options: field.options }));
}

function FieldKeyInput({ form, field, dispatch, t, locale }: { form: FormDefinition; field: FieldDefinition; dispatch: Dispatch; t: Translate; locale: Locale }) {
  const [draft, setDraft] = useState(field.key);
  useEffect(() => setDraft(field.key), [field.key]);
  const problem = fieldKeyProblem(form, field.key, draft);
  const commit = () => {
    if (!problem && draft !== field.key) dispatch({ type: 'renameField', key: field.key, newKey: draft });
  };
  return (
    <Form.Item label={t('key')} validateStatus={problem ? 'error' : undefined} help={problem ? localize(problem, locale) : undefined}>
      <Input value={draft} data-testid="prop-key" onChange={(event) => setDraft(event.target.value.trim())} onBlur={commit} onPressEnter={commit} />
    </Form.Item>
  );
}

function maskValueOf(mask: FieldDefinition['mask']): MaskPreset | 'none' {
  if (!mask) return 'none';
  return typeof mask === 'string' ? mask : (mask.preset ?? 'full');
}

function FieldProperties({ form, field, dispatch, roles, steps, t, locale }: { form: FormDefinition; field: FieldDefinition; dispatch: Dispatch; roles: NamedOption[]; steps: NamedOption[]; t: Translate; locale: Locale }) {
  const update = (patch: Partial<FieldDefinition>, property: string) => dispatch({ type: 'updateField', key: field.key, patch }, `field:${field.key}:${property}`);
  const ruleFields = ruleFieldsOf(form).filter((candidate) => candidate.key !== field.key);
  const label = localize(field.label, locale);
  const section = sectionsOf(form).find((candidate) => candidate.fields.some((entry) => (typeof entry === 'string' ? entry : entry.field) === field.key));
  const entry = section?.fields.find((candidate) => (typeof candidate === 'string' ? candidate : candidate.field) === field.key);
  const numberInput = (property: 'min' | 'max' | 'minLength' | 'maxLength' | 'precision' | 'minAge' | 'maxAge' | 'minRows' | 'maxRows' | 'maxFiles') => (
    <Form.Item label={t(property)}>
      <InputNumber
        style={{ width: '100%' }}
        value={field[property] === undefined ? null : Number(field[property])}
        data-testid={`prop-${property}`}
        onChange={(value) => update({ [property]: value === null ? undefined : value }, property)}
      />
    </Form.Item>
  );

  const basics = (
    <>
      <FieldKeyInput form={form} field={field} dispatch={dispatch} t={t} locale={locale} />
      <Form.Item label={t('label')}>
        <LocalizedInput value={field.label} onChange={(value) => update({ label: value ?? { 'zh-CN': '', en: '' } }, 'label')} locale={locale} testId="prop-label" />
      </Form.Item>
      {field.type === 'description' ? (
        <Form.Item label={t('content')}>
          <LocalizedInput value={field.content} onChange={(value) => update({ content: value }, 'content')} locale={locale} multiline />
        </Form.Item>
      ) : (
        <Form.Item label={t('placeholder')}>
          <LocalizedInput value={field.placeholder} onChange={(value) => update({ placeholder: value }, 'placeholder')} locale={locale} />
        </Form.Item>
      )}
      <Form.Item label={t('help')}>
        <LocalizedInput value={field.help} onChange={(value) => update({ help: value }, 'help')} locale={locale} />
      </Form.Item>
      {section && (
        <Form.Item label={t('span')}>
          <InputNumber
            min={1}
            max={section.columns ?? form.layout?.columns ?? 2}
            value={typeof entry === 'object' ? (entry.span ?? 1) : 1}
            data-testid="prop-span"
            onChange={(span) => dispatch({ type: 'setFieldSpan', key: field.key, span: span ?? undefined })}
          />
        </Form.Item>
      )}
      {choiceTypes.has(field.type) && (
        <Form.Item label={t('options')}>
          <OptionsEditor value={field.options ?? []} onChange={(options) => update({ options }, 'options')} locale={locale} />
        </Form.Item>
      )}
      {field.type === 'money' && (
        <>
          <Form.Item label={t('currency')}>
            <Select value={field.currency ?? 'CNY'} onChange={(currency: string) => update({ currency }, 'currency')} options={['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'].map((code) => ({ value: code, label: code }))} />
          </Form.Item>
          {numberInput('precision')}
        </>
      )}
      {numberTypes.has(field.type) && (
        <>
          {numberInput('min')}
          {numberInput('max')}
        </>
      )}
      {textTypes.has(field.type) && (
        <>
          {numberInput('minLength')}
          {numberInput('maxLength')}
          <Form.Item label={t('pattern')}>
            <Input value={field.pattern} onChange={(event) => update({ pattern: event.target.value || undefined }, 'pattern')} />
          </Form.Item>
        </>
      )}
      {field.type === 'residentId' && (
        <>
          {numberInput('minAge')}
          {numberInput('maxAge')}
        </>
      )}
      {field.type === 'relation' && (
        <>
          <Form.Item label={t('relationForm')}>
            <Input value={field.form} onChange={(event) => update({ form: event.target.value }, 'form')} />
          </Form.Item>
          <Form.Item label={t('displayField')}>
            <Input value={field.displayField} onChange={(event) => update({ displayField: event.target.value || undefined }, 'displayField')} />
          </Form.Item>
        </>
      )}
      {(field.type === 'relation' || field.type === 'userPicker' || field.type === 'departmentPicker') && (
        <Form.Item label={t('multiple')}>
          <Switch checked={field.multiple === true} onChange={(multiple) => update({ multiple: multiple || undefined }, 'multiple')} />
        </Form.Item>
      )}
      {field.type === 'subform' && (
        <>
          {numberInput('minRows')}
          {numberInput('maxRows')}
        </>
      )}
      {field.type === 'attachment' && numberInput('maxFiles')}
      {field.type === 'computed' && (
        <>
          <Form.Item label={t('computeRule')}>
            <RuleButton value={field.rule ?? undefined} onChange={(rule) => update({ rule: rule ?? null }, 'rule')} fields={ruleFields} locale={locale} title={label} testId="prop-compute" />
          </Form.Item>
          <Form.Item label={t('resultType')}>
            <Select
              value={field.resultType ?? 'number'}
              onChange={(resultType: NonNullable<FieldDefinition['resultType']>) => update({ resultType }, 'resultType')}
              options={(['string', 'number', 'integer', 'money', 'boolean', 'date', 'datetime'] as const).map((value) => ({ value, label: t(`result.${value}`) }))}
            />
          </Form.Item>
        </>
      )}
    </>
  );

  const rules = (
    <>
      <Form.Item label={t('required')}>
        <ConditionInput value={field.required} onChange={(required) => update({ required }, 'required')} fields={ruleFields} locale={locale} title={`${label} · ${t('required')}`} testId="prop-required" />
      </Form.Item>
      <Form.Item label={t('visible')} extra={field.visible === undefined ? t('visibleAlways') : undefined}>
        <ConditionInput
          value={field.visible === undefined ? true : field.visible}
          onChange={(visible) => update({ visible: visible === true ? undefined : (visible ?? false) }, 'visible')}
          fields={ruleFields}
          locale={locale}
          title={`${label} · ${t('visible')}`}
          testId="prop-visible"
        />
      </Form.Item>
      <Form.Item label={t('readonly')}>
        <ConditionInput value={field.readonly} onChange={(readonly) => update({ readonly }, 'readonly')} fields={ruleFields} locale={locale} title={`${label} · ${t('readonly')}`} testId="prop-readonly" />
      </Form.Item>
    </>
  );

  const checks = (
    <>
      <Form.Item label={t('validations')}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {(field.validations ?? []).map((validation, index) => (
            <div key={index} className="validation-row">
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <RuleButton
                  value={validation.rule}
                  onChange={(rule) => update({ validations: (field.validations ?? []).map((candidate, position) => (position === index ? { ...candidate, rule: rule ?? true } : candidate)) }, `validation${index}`)}
                  fields={ruleFieldsOf(form)}
                  locale={locale}
                  title={label}
                />
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => update({ validations: (field.validations ?? []).filter((_, position) => position !== index) }, 'validations')} />
              </Space>
              <Typography.Text type="secondary">{t('validationMessage')}</Typography.Text>
              <LocalizedInput
                value={validation.message}
                onChange={(message) => update({ validations: (field.validations ?? []).map((candidate, position) => (position === index ? { ...candidate, message: message ?? { 'zh-CN': '', en: '' } } : candidate)) }, `validationMessage${index}`)}
                locale={locale}
              />
            </div>
          ))}
          <Button
            size="small"
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => update({ validations: [...(field.validations ?? []), { rule: { '!!': [{ var: field.key }] }, message: { 'zh-CN': `${field.label['zh-CN']}不符合要求`, en: `${field.label.en} is not acceptable` } }] }, 'validations')}
          >
            {t('addValidation')}
          </Button>
        </Space>
      </Form.Item>
    </>
  );

  const access = (
    <>
      <Form.Item label={t('mask')}>
        <Select
          value={maskValueOf(field.mask)}
          data-testid="prop-mask"
          onChange={(preset: MaskPreset | 'none') => {
            const unmaskedRoles = typeof field.mask === 'object' ? field.mask.unmaskedRoles : undefined;
            const mask: FieldMask | MaskPreset | undefined = preset === 'none' ? undefined : unmaskedRoles ? { preset, unmaskedRoles } : preset;
            update({ mask }, 'mask');
          }}
          options={[{ value: 'none', label: t('noMask') }, ...maskPresets.map((preset) => ({ value: preset, label: t(`mask.${preset}`) }))]}
        />
      </Form.Item>
      <PermissionsEditor value={field.permissions} onChange={(permissions) => update({ permissions }, 'permissions')} roles={roles} steps={steps} locale={locale} />
    </>
  );

  return (
    <>
      <Typography.Title level={5} className="panel-title">
        {label} <Typography.Text type="secondary">· {localize(catalogueEntry(field.type).label, locale)}</Typography.Text>
      </Typography.Title>
      <Form layout="vertical" size="small" className="property-form">
        <Tabs
          size="small"
          items={[
            { key: 'basics', label: t('basics'), children: basics },
            { key: 'rules', label: t('rules'), children: rules },
            { key: 'checks', label: t('checks'), children: checks },
            { key: 'access', label: t('access'), children: access },
          ]}
        />
      </Form>
    </>
  );
}

export interface PropertyPanelProps {
  form: FormDefinition;
  selected: DesignerSelection;
  dispatch: Dispatch;
  roles: NamedOption[];
  steps: NamedOption[];
  locale: Locale;
}

/** Edits whatever is selected on the canvas: the form, a section, a tab or a field. */
export function PropertyPanel({ form, selected, dispatch, roles, steps, locale }: PropertyPanelProps) {
  const t = textFor(text, locale);
  if (selected.kind === 'field') {
    const field = findField(form, selected.key);
    if (field) return <FieldProperties key={field.key} form={form} field={field} dispatch={dispatch} roles={roles} steps={steps} t={t} locale={locale} />;
  }
  if (selected.kind === 'section') {
    const section = sectionsOf(form).find((candidate) => candidate.key === selected.key);
    if (section) {
      return (
        <>
          <Typography.Title level={5} className="panel-title">
            {t('sectionProperties')}
          </Typography.Title>
          <Form layout="vertical" size="small" className="property-form">
            <Form.Item label={t('title')}>
              <LocalizedInput value={section.title} onChange={(title) => dispatch({ type: 'updateSection', key: section.key, patch: { title } }, `section:${section.key}:title`)} locale={locale} testId="prop-section-title" />
            </Form.Item>
            <Form.Item label={t('sectionColumns')}>
              <Select
                value={section.columns ?? form.layout?.columns ?? 2}
                data-testid="prop-section-columns"
                onChange={(columns: number) => dispatch({ type: 'updateSection', key: section.key, patch: { columns } })}
                options={[1, 2, 3, 4].map((columns) => ({ value: columns, label: String(columns) }))}
              />
            </Form.Item>
            <Form.Item label={t('collapsible')}>
              <Switch checked={section.collapsible === true} onChange={(collapsible) => dispatch({ type: 'updateSection', key: section.key, patch: { collapsible: collapsible || undefined } })} />
            </Form.Item>
            <Button danger icon={<DeleteOutlined />} disabled={sectionsOf(form).length <= 1} onClick={() => dispatch({ type: 'removeSection', key: section.key })}>
              {t('removeSection')}
            </Button>
          </Form>
        </>
      );
    }
  }
  if (selected.kind === 'tab') {
    const tab = form.layout?.tabs?.find((candidate) => candidate.key === selected.key);
    if (tab) {
      return (
        <>
          <Typography.Title level={5} className="panel-title">
            {t('tabProperties')}
          </Typography.Title>
          <Form layout="vertical" size="small" className="property-form">
            <Form.Item label={t('title')}>
              <LocalizedInput value={tab.title} onChange={(title) => title && dispatch({ type: 'updateTab', key: tab.key, patch: { title } }, `tab:${tab.key}:title`)} locale={locale} />
            </Form.Item>
            <Space direction="vertical">
              <Button icon={<PlusOutlined />} onClick={() => dispatch({ type: 'addSection', tab: tab.key })}>
                {t('addSectionToTab')}
              </Button>
              <Button danger icon={<DeleteOutlined />} onClick={() => dispatch({ type: 'removeTab', key: tab.key })}>
                {t('removeTab')}
              </Button>
            </Space>
          </Form>
        </>
      );
    }
  }
  if (selected.kind !== 'form') return <Empty description={t('nothing')} />;
  return (
    <>
      <Typography.Title level={5} className="panel-title">
        {t('formProperties')}
      </Typography.Title>
      <Form layout="vertical" size="small" className="property-form">
        <Form.Item label={t('formKey')}>
          <Input value={form.key} data-testid="prop-form-key" onChange={(event) => dispatch({ type: 'updateForm', patch: { key: event.target.value.trim() } }, 'form:key')} />
        </Form.Item>
        <Form.Item label={t('formTitle')}>
          <LocalizedInput value={form.title} onChange={(title) => dispatch({ type: 'updateForm', patch: { title: title ?? { 'zh-CN': '', en: '' } } }, 'form:title')} locale={locale} testId="prop-form-title" />
        </Form.Item>
        <Form.Item label={t('description')}>
          <LocalizedInput value={form.description} onChange={(description) => dispatch({ type: 'updateForm', patch: { description } }, 'form:description')} locale={locale} multiline />
        </Form.Item>
        {form.fields.length === 0 && <Alert type="info" showIcon message={t('nothing')} />}
      </Form>
    </>
  );
}
