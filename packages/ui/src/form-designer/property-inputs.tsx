import { DeleteOutlined, FunctionOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Modal, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Condition, JsonLogic, OptionDefinition, Permission, PermissionTable } from '../form-model/form-definition';
import { textFor, type Locale, type LocalizedText, type NamedOption } from '../i18n/ui-locale';
import { RuleEditor, type RuleField } from '../rule-editor/RuleEditor';
import { localize } from '@tessera/rules';

const text = {
  zh: { 'zh-CN': '中文', en: 'Chinese' },
  en: { 'zh-CN': '英文', en: 'English' },
  no: { 'zh-CN': '否', en: 'No' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  rule: { 'zh-CN': '按规则', en: 'By rule' },
  editRule: { 'zh-CN': '编辑规则', en: 'Edit rule' },
  ruleTitle: { 'zh-CN': '编辑规则：{name}', en: 'Edit rule: {name}' },
  done: { 'zh-CN': '完成', en: 'Done' },
  value: { 'zh-CN': '值', en: 'Value' },
  addOption: { 'zh-CN': '添加选项', en: 'Add option' },
  remove: { 'zh-CN': '删除', en: 'Remove' },
  inherit: { 'zh-CN': '默认', en: 'Default' },
  hidden: { 'zh-CN': '隐藏', en: 'Hidden' },
  read: { 'zh-CN': '只读', en: 'Read' },
  write: { 'zh-CN': '可编辑', en: 'Write' },
  byRole: { 'zh-CN': '按角色', en: 'By role' },
  byStep: { 'zh-CN': '按流程环节', en: 'By process step' },
  noneDefined: { 'zh-CN': '未定义', en: 'None defined' },
  ruleSet: { 'zh-CN': '已设置规则', en: 'Rule set' },
  noRule: { 'zh-CN': '未设置规则', en: 'No rule' },
};

type Translate = ReturnType<typeof textFor<keyof typeof text>>;

export function useInputText(locale: Locale): Translate {
  return textFor(text, locale);
}

/** One text in both languages, side by side. */
export function LocalizedInput({ value, onChange, locale, testId, multiline }: { value: LocalizedText | undefined; onChange(value: LocalizedText | undefined): void; locale: Locale; testId?: string; multiline?: boolean }) {
  const t = useInputText(locale);
  const current = value ?? { 'zh-CN': '', en: '' };
  const update = (patch: Partial<LocalizedText>) => {
    const next = { ...current, ...patch };
    onChange(next['zh-CN'] === '' && next.en === '' ? undefined : next);
  };
  const Control = multiline ? Input.TextArea : Input;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }}>
      <Control addonBefore={multiline ? undefined : t('zh')} aria-label={t('zh')} value={current['zh-CN']} data-testid={testId ? `${testId}-zh` : undefined} onChange={(event) => update({ 'zh-CN': event.target.value })} />
      <Control addonBefore={multiline ? undefined : t('en')} aria-label={t('en')} value={current.en} data-testid={testId ? `${testId}-en` : undefined} onChange={(event) => update({ en: event.target.value })} />
    </Space>
  );
}

/** Edits a rule in a dialog; shows whether one is set. */
export function RuleButton({ value, onChange, fields, locale, title, testId }: { value: JsonLogic | undefined; onChange(rule: JsonLogic | undefined): void; fields: RuleField[]; locale: Locale; title: string; testId?: string }) {
  const t = useInputText(locale);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<JsonLogic | undefined>(value);
  return (
    <>
      <Space>
        <Button
          size="small"
          icon={<FunctionOutlined />}
          data-testid={testId}
          onClick={() => {
            setDraft(value);
            setOpen(true);
          }}
        >
          {t('editRule')}
        </Button>
        <Typography.Text type={value === undefined || value === null ? 'secondary' : 'success'}>{value === undefined || value === null ? t('noRule') : t('ruleSet')}</Typography.Text>
      </Space>
      <Modal
        open={open}
        width={760}
        title={t('ruleTitle', { name: title })}
        okText={t('done')}
        onOk={() => {
          onChange(draft);
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <RuleEditor value={draft} onChange={setDraft} fields={fields} locale={locale} />
      </Modal>
    </>
  );
}

/** Required / visible / readonly: fixed yes or no, or decided by a rule. */
export function ConditionInput({ value, onChange, fields, locale, title, testId }: { value: Condition | undefined; onChange(value: Condition | undefined): void; fields: RuleField[]; locale: Locale; title: string; testId?: string }) {
  const t = useInputText(locale);
  const mode = value === undefined || value === false ? 'no' : value === true ? 'yes' : 'rule';
  return (
    <Space direction="vertical" size={6}>
      <Segmented
        size="small"
        value={mode}
        data-testid={testId}
        onChange={(next) => onChange(next === 'no' ? undefined : next === 'yes' ? true : { '==': [{ var: fields[0]?.key ?? '' }, ''] })}
        options={[
          { value: 'no', label: t('no') },
          { value: 'yes', label: t('yes') },
          { value: 'rule', label: t('rule') },
        ]}
      />
      {mode === 'rule' && <RuleButton value={value as JsonLogic} onChange={(rule) => onChange(rule ?? undefined)} fields={fields} locale={locale} title={title} />}
    </Space>
  );
}

export function OptionsEditor({ value, onChange, locale }: { value: OptionDefinition[]; onChange(value: OptionDefinition[]): void; locale: Locale }) {
  const t = useInputText(locale);
  const update = (index: number, patch: Partial<OptionDefinition>) => onChange(value.map((option, position) => (position === index ? { ...option, ...patch } : option)));
  return (
    <Space direction="vertical" size={6} style={{ width: '100%' }} data-testid="options-editor">
      {value.map((option, index) => (
        <div key={index} className="option-row">
          <Input size="small" aria-label={t('value')} placeholder={t('value')} value={String(option.value)} onChange={(event) => update(index, { value: event.target.value })} />
          <Input size="small" aria-label={t('zh')} placeholder={t('zh')} value={option.label['zh-CN']} onChange={(event) => update(index, { label: { ...option.label, 'zh-CN': event.target.value } })} />
          <Input size="small" aria-label={t('en')} placeholder={t('en')} value={option.label.en} onChange={(event) => update(index, { label: { ...option.label, en: event.target.value } })} />
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => onChange(value.filter((_, position) => position !== index))} />
        </div>
      ))}
      <Button
        size="small"
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => {
          const number = value.length + 1;
          onChange([...value, { value: `option${number}`, label: { 'zh-CN': `选项${number}`, en: `Option ${number}` } }]);
        }}
      >
        {t('addOption')}
      </Button>
    </Space>
  );
}

function AccessTable({ entries, value, onChange, locale, title }: { entries: NamedOption[]; value: Record<string, Permission> | undefined; onChange(value: Record<string, Permission> | undefined): void; locale: Locale; title: string }) {
  const t = useInputText(locale);
  return (
    <div className="access-table">
      <Typography.Text strong>{title}</Typography.Text>
      {entries.length === 0 && <Typography.Text type="secondary"> · {t('noneDefined')}</Typography.Text>}
      {entries.map((entry) => (
        <div key={entry.key} className="access-row" data-testid={`access-${entry.key}`}>
          <span className="access-name">{localize(entry.label, locale)}</span>
          <Select
            size="small"
            style={{ width: 110 }}
            value={value?.[entry.key] ?? 'inherit'}
            options={(['inherit', 'hidden', 'read', 'write'] as const).map((access) => ({ value: access, label: t(access) }))}
            onChange={(access: Permission | 'inherit') => {
              const next = { ...(value ?? {}) };
              if (access === 'inherit') delete next[entry.key];
              else next[entry.key] = access;
              onChange(Object.keys(next).length > 0 ? next : undefined);
            }}
          />
        </div>
      ))}
    </div>
  );
}

/** Hidden / read / write per role and per process step. */
export function PermissionsEditor({ value, onChange, roles, steps, locale }: { value: PermissionTable | undefined; onChange(value: PermissionTable | undefined): void; roles: NamedOption[]; steps: NamedOption[]; locale: Locale }) {
  const t = useInputText(locale);
  const update = (patch: Partial<PermissionTable>) => {
    const next: PermissionTable = { ...(value ?? {}), ...patch };
    for (const key of Object.keys(next) as Array<keyof PermissionTable>) if (next[key] === undefined) delete next[key];
    onChange(Object.keys(next).length > 0 ? next : undefined);
  };
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <AccessTable entries={roles} value={value?.roles} onChange={(roleTable) => update({ roles: roleTable })} locale={locale} title={t('byRole')} />
      <AccessTable entries={steps} value={value?.steps} onChange={(stepTable) => update({ steps: stepTable })} locale={locale} title={t('byStep')} />
    </Space>
  );
}
