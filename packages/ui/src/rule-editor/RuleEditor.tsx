import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { localize } from '@tessera/rules';
import { Alert, Button, DatePicker, Input, InputNumber, Select, Space, Switch, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { FieldType, JsonLogic, OptionDefinition } from '../form-model/form-definition';
import { textFor, type Locale, type LocalizedText } from '../i18n/ui-locale';
import { binaryOperators, emptyGroup, ruleToTree, treeToRule, updateAt, variablesOf, type ComparisonOperator, type RuleCondition, type RuleGroup, type RuleNode } from './rule-tree';

/** A variable a rule may read: a form field or a process variable. */
export interface RuleField {
  key: string;
  label: LocalizedText | string;
  type: FieldType | 'string' | 'boolean';
  options?: OptionDefinition[];
}

const text = {
  visual: { 'zh-CN': '可视化', en: 'Visual' },
  json: { 'zh-CN': 'JSON', en: 'JSON' },
  all: { 'zh-CN': '满足全部条件', en: 'All of' },
  any: { 'zh-CN': '满足任一条件', en: 'Any of' },
  notAll: { 'zh-CN': '不满足全部条件', en: 'Not all of' },
  none: { 'zh-CN': '全部不满足', en: 'None of' },
  addCondition: { 'zh-CN': '添加条件', en: 'Add condition' },
  addGroup: { 'zh-CN': '添加条件组', en: 'Add group' },
  remove: { 'zh-CN': '删除', en: 'Remove' },
  field: { 'zh-CN': '选择字段', en: 'Choose a field' },
  value: { 'zh-CN': '值', en: 'Value' },
  always: { 'zh-CN': '没有条件：始终成立', en: 'No conditions: always true' },
  tooComplex: { 'zh-CN': '此规则使用了可视化编辑器无法表示的运算，请在 JSON 视图中编辑', en: 'This rule uses operations the visual builder cannot show; edit it in the JSON view' },
  badJson: { 'zh-CN': 'JSON 格式错误：{message}', en: 'The JSON is malformed: {message}' },
  unknownFields: { 'zh-CN': '规则引用了不存在的字段：{fields}', en: 'The rule reads fields that do not exist: {fields}' },
  yes: { 'zh-CN': '是', en: 'Yes' },
  no: { 'zh-CN': '否', en: 'No' },
  '==': { 'zh-CN': '等于', en: 'equals' },
  '!=': { 'zh-CN': '不等于', en: 'differs from' },
  '>': { 'zh-CN': '大于', en: 'greater than' },
  '>=': { 'zh-CN': '大于等于', en: 'at least' },
  '<': { 'zh-CN': '小于', en: 'less than' },
  '<=': { 'zh-CN': '小于等于', en: 'at most' },
  in: { 'zh-CN': '属于', en: 'is one of' },
  contains: { 'zh-CN': '包含', en: 'contains' },
  empty: { 'zh-CN': '为空', en: 'is empty' },
  notEmpty: { 'zh-CN': '不为空', en: 'is not empty' },
} satisfies Record<string, LocalizedText>;

type Translate = ReturnType<typeof textFor<keyof typeof text>>;

const numericTypes = new Set<RuleField['type']>(['number', 'integer', 'money', 'percent', 'computed']);

function operatorsFor(field: RuleField | undefined): ComparisonOperator[] {
  if (field?.type === 'switch' || field?.type === 'boolean') return ['==', '!=', 'empty', 'notEmpty'];
  if (field?.type === 'multiSelect' || field?.type === 'checkbox') return ['contains', 'empty', 'notEmpty'];
  return [...binaryOperators, 'in', 'contains', 'empty', 'notEmpty'];
}

function ValueInput({ field, condition, onChange, t, locale }: { field: RuleField | undefined; condition: RuleCondition; onChange(value: unknown): void; t: Translate; locale: Locale }) {
  if (condition.operator === 'empty' || condition.operator === 'notEmpty') return null;
  const options = field?.options?.map((option) => ({ value: option.value, label: localize(option.label, locale) }));
  if (condition.operator === 'in') {
    return (
      <Select
        mode="tags"
        style={{ minWidth: 200 }}
        placeholder={t('value')}
        value={Array.isArray(condition.value) ? (condition.value as Array<string | number>) : []}
        options={options}
        onChange={(values: Array<string | number>) => onChange(numericTypes.has(field?.type ?? 'text') ? values.map((value) => (Number.isFinite(Number(value)) ? Number(value) : value)) : values)}
        aria-label={t('value')}
      />
    );
  }
  if (field?.type === 'switch' || field?.type === 'boolean') {
    return <Switch checked={condition.value === true} onChange={onChange} checkedChildren={t('yes')} unCheckedChildren={t('no')} aria-label={t('value')} />;
  }
  if (options && options.length > 0) {
    return <Select style={{ minWidth: 160 }} placeholder={t('value')} value={condition.value as string | undefined} options={options} onChange={onChange} aria-label={t('value')} />;
  }
  if (field && numericTypes.has(field.type)) {
    return <InputNumber style={{ width: 160 }} placeholder={t('value')} value={typeof condition.value === 'number' ? condition.value : null} onChange={(value) => onChange(value ?? null)} aria-label={t('value')} />;
  }
  if (field?.type === 'date') {
    return (
      <DatePicker
        value={typeof condition.value === 'string' && condition.value ? dayjs(condition.value) : null}
        onChange={(value) => onChange(value ? value.format('YYYY-MM-DD') : null)}
        aria-label={t('value')}
      />
    );
  }
  return <Input style={{ width: 180 }} placeholder={t('value')} value={typeof condition.value === 'string' ? condition.value : condition.value == null ? '' : String(condition.value)} onChange={(event) => onChange(event.target.value)} aria-label={t('value')} />;
}

function GroupEditor({ group, path, fields, onChange, t, locale }: { group: RuleGroup; path: number[]; fields: RuleField[]; onChange(root: (root: RuleGroup) => RuleGroup): void; t: Translate; locale: Locale }) {
  const change = (childPath: number[], update: (node: RuleNode) => RuleNode | null) => onChange((root) => updateAt(root, childPath, update));
  const mode = `${group.negated ? 'not-' : ''}${group.combinator}`;
  const fieldOptions = fields.map((field) => ({ value: field.key, label: localize(field.label, locale) }));
  return (
    <div className={`rule-group${path.length > 0 ? ' rule-group-nested' : ''}`} data-testid="rule-group">
      <Space wrap>
        <Select
          value={mode}
          style={{ width: 150 }}
          onChange={(value: string) => change(path, (node) => ({ ...(node as RuleGroup), combinator: value.endsWith('or') ? 'or' : 'and', negated: value.startsWith('not-') || undefined }))}
          options={[
            { value: 'and', label: t('all') },
            { value: 'or', label: t('any') },
            { value: 'not-and', label: t('notAll') },
            { value: 'not-or', label: t('none') },
          ]}
        />
        {path.length > 0 && <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => change(path, () => null)} />}
      </Space>
      <div className="rule-children">
        {group.children.length === 0 && <Typography.Text type="secondary">{t('always')}</Typography.Text>}
        {group.children.map((child, index) => {
          const childPath = [...path, index];
          if (child.kind === 'group') return <GroupEditor key={index} group={child} path={childPath} fields={fields} onChange={onChange} t={t} locale={locale} />;
          const field = fields.find((candidate) => candidate.key === child.field);
          return (
            <Space key={index} wrap className="rule-condition" data-testid="rule-condition">
              <Select
                showSearch
                optionFilterProp="label"
                style={{ width: 180 }}
                placeholder={t('field')}
                value={child.field || undefined}
                options={fieldOptions}
                status={child.field && !field ? 'warning' : undefined}
                onChange={(key: string) => change(childPath, (node) => ({ ...(node as RuleCondition), field: key, value: undefined }))}
                aria-label={t('field')}
              />
              <Select
                style={{ width: 120 }}
                value={child.operator}
                options={operatorsFor(field).map((operator) => ({ value: operator, label: t(operator) }))}
                onChange={(operator: ComparisonOperator) => change(childPath, (node) => ({ ...(node as RuleCondition), operator, value: operator === 'in' ? [] : (node as RuleCondition).value }))}
              />
              <ValueInput field={field} condition={child} onChange={(value) => change(childPath, (node) => ({ ...(node as RuleCondition), value }))} t={t} locale={locale} />
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('remove')} onClick={() => change(childPath, () => null)} />
            </Space>
          );
        })}
      </div>
      <Space>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => change(path, (node) => ({ ...(node as RuleGroup), children: [...(node as RuleGroup).children, { kind: 'condition', field: fields[0]?.key ?? '', operator: '==', value: undefined }] }))}
        >
          {t('addCondition')}
        </Button>
        <Button size="small" icon={<PlusOutlined />} onClick={() => change(path, (node) => ({ ...(node as RuleGroup), children: [...(node as RuleGroup).children, emptyGroup('or')] }))}>
          {t('addGroup')}
        </Button>
      </Space>
    </div>
  );
}

export interface RuleEditorProps {
  value: JsonLogic | undefined;
  onChange(rule: JsonLogic): void;
  fields: RuleField[];
  locale: Locale;
}

/** A visual builder for JSON-logic over the given fields, with a raw JSON view of the same rule. */
export function RuleEditor({ value, onChange, fields, locale }: RuleEditorProps) {
  const t = textFor(text, locale);
  const tree = useMemo(() => ruleToTree(value), [value]);
  const [view, setView] = useState<'visual' | 'json'>(tree ? 'visual' : 'json');
  const [draft, setDraft] = useState(() => JSON.stringify(value ?? true, null, 2));
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);

  useEffect(() => {
    // Keep the JSON text in step with changes made in the visual view or from outside.
    setDraft((current) => {
      try {
        if (JSON.stringify(JSON.parse(current)) === JSON.stringify(value ?? true)) return current;
      } catch {
        // the person is typing; replace only when the value changed elsewhere
      }
      return JSON.stringify(value ?? true, null, 2);
    });
  }, [value]);

  const known = new Set(fields.map((field) => field.key));
  const unknown = variablesOf(value ?? null).filter((name) => !known.has(name) && !known.has(name.split('.')[0]!));

  return (
    <div className="rule-editor" data-testid="rule-editor">
      <Tabs
        size="small"
        activeKey={view}
        onChange={(key) => setView(key as 'visual' | 'json')}
        items={[
          {
            key: 'visual',
            label: t('visual'),
            children: tree ? (
              <GroupEditor group={tree} path={[]} fields={fields} onChange={(update) => onChange(treeToRule(update(tree)))} t={t} locale={locale} />
            ) : (
              <Alert type="info" showIcon message={t('tooComplex')} />
            ),
          },
          {
            key: 'json',
            label: t('json'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input.TextArea
                  className="rule-json"
                  autoSize={{ minRows: 6, maxRows: 16 }}
                  value={draft}
                  spellCheck={false}
                  aria-label="JSON"
                  onChange={(event) => {
                    setDraft(event.target.value);
                    try {
                      const parsed = JSON.parse(event.target.value) as JsonLogic;
                      setJsonProblem(null);
                      onChange(parsed);
                    } catch (error) {
                      setJsonProblem((error as Error).message);
                    }
                  }}
                />
                {jsonProblem && <Alert type="error" showIcon message={t('badJson', { message: jsonProblem })} />}
              </Space>
            ),
          },
        ]}
      />
      {unknown.length > 0 && <Alert type="warning" showIcon message={t('unknownFields', { fields: unknown.join('、') })} />}
    </div>
  );
}
