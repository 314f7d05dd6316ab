import { localize, type Locale } from '@tessera/rules';
import { Alert, Empty, Form, Input, InputNumber, Segmented, Select, Switch, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { textFor, type NamedOption } from '../i18n/ui-locale';
import { RuleButton } from '../form-designer/property-inputs';
import type { RuleField } from '../rule-editor/RuleEditor';
import type { BpmnService, DiagramElement, Moddle } from './bpmn-types';
import { readCondition, writeCondition, type FlowCondition } from './condition-expression';
import { attributesFor, isDurationLike, joinList, splitList, type AttributeSpec, type ModdleDescriptor } from './element-attributes';

const text = {
  nothing: { 'zh-CN': '选择图中的元素以编辑其属性', en: 'Select an element of the diagram to edit it' },
  id: { 'zh-CN': '标识', en: 'Id' },
  name: { 'zh-CN': '名称', en: 'Name' },
  type: { 'zh-CN': '类型', en: 'Type' },
  condition: { 'zh-CN': '流转条件', en: 'Condition' },
  none: { 'zh-CN': '无条件', en: 'None' },
  rule: { 'zh-CN': '规则', en: 'Rule' },
  expression: { 'zh-CN': '表达式', en: 'Expression' },
  defaultFlow: { 'zh-CN': '这是网关的默认流，其他条件都不满足时走此路', en: 'This is the gateway’s default flow, taken when no other condition holds' },
  badDuration: { 'zh-CN': '不是有效的时长或日期（如 PT8H、P2WD、2026-12-01）', en: 'Not a valid duration or date (e.g. PT8H, P2WD, 2026-12-01)' },
  multiInstance: { 'zh-CN': '多实例（会签/或签）', en: 'Multi-instance (countersign)' },
  completion: { 'zh-CN': '完成条件', en: 'Completion condition' },
  completionHint: { 'zh-CN': '或签：${nrOfCompletedInstances >= 1}', en: 'Any one signs: ${nrOfCompletedInstances >= 1}' },
  tessera: { 'zh-CN': '办理设置', en: 'Tessera settings' },
  choose: { 'zh-CN': '请选择', en: 'Choose' },
};

export interface ProcessChoices {
  forms?: NamedOption[];
  roles?: NamedOption[];
  decisionTables?: NamedOption[];
  ruleSets?: NamedOption[];
  /** Process variables a condition may read. */
  variables?: RuleField[];
}

interface PanelProps extends ProcessChoices {
  element: DiagramElement | null;
  modeling: BpmnService | null;
  moddle: Moddle | null;
  descriptor: ModdleDescriptor;
  locale: Locale;
  /** Bumped on every model change so the panel re-reads the element. */
  revision: number;
}

function typeLabel(type: string, locale: Locale): string {
  const names: Record<string, [string, string]> = {
    'bpmn:UserTask': ['用户任务', 'User task'],
    'bpmn:ServiceTask': ['服务任务', 'Service task'],
    'bpmn:BusinessRuleTask': ['业务规则任务', 'Business rule task'],
    'bpmn:ScriptTask': ['脚本任务', 'Script task'],
    'bpmn:SendTask': ['发送任务', 'Send task'],
    'bpmn:ReceiveTask': ['接收任务', 'Receive task'],
    'bpmn:Task': ['任务', 'Task'],
    'bpmn:StartEvent': ['开始事件', 'Start event'],
    'bpmn:EndEvent': ['结束事件', 'End event'],
    'bpmn:ExclusiveGateway': ['排他网关', 'Exclusive gateway'],
    'bpmn:ParallelGateway': ['并行网关', 'Parallel gateway'],
    'bpmn:InclusiveGateway': ['包容网关', 'Inclusive gateway'],
    'bpmn:EventBasedGateway': ['事件网关', 'Event-based gateway'],
    'bpmn:SequenceFlow': ['顺序流', 'Sequence flow'],
    'bpmn:Process': ['流程', 'Process'],
    'bpmn:SubProcess': ['子流程', 'Sub-process'],
    'bpmn:CallActivity': ['调用活动', 'Call activity'],
    'bpmn:IntermediateCatchEvent': ['中间捕获事件', 'Intermediate catch event'],
    'bpmn:BoundaryEvent': ['边界事件', 'Boundary event'],
  };
  const name = names[type];
  return name ? name[locale === 'zh-CN' ? 0 : 1] : type.replace('bpmn:', '');
}

function AttributeInput({ spec, value, onChange, choices, locale }: { spec: AttributeSpec; value: string | undefined; onChange(value: string | undefined): void; choices: ProcessChoices; locale: Locale }) {
  const t = textFor(text, locale);
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  // The chosen value shows its name; the list shows each name with its key, and a search matches either.
  const options = (list: NamedOption[] | undefined) =>
    (list ?? []).map((option) => {
      const label = localize(option.label, locale);
      return { value: option.key, label, title: `${label} (${option.key})`, search: `${label} ${option.key}` };
    });
  const optionRender = (option: { value?: string | number | null; label?: ReactNode }) => (
    <span>
      {option.label} <Typography.Text type="secondary">{option.value}</Typography.Text>
    </span>
  );
  const testId = `bpmn-attr-${spec.name.replace(':', '-')}`;
  switch (spec.editor) {
    case 'roles':
    case 'users':
      return (
        <Select
          mode="tags"
          data-testid={testId}
          placeholder={t('choose')}
          value={splitList(value)}
          options={spec.editor === 'roles' ? options(choices.roles) : []}
          optionFilterProp="search"
          optionRender={optionRender}
          onChange={(next: string[]) => onChange(joinList(next))}
        />
      );
    case 'role':
    case 'form':
    case 'decisionTable':
    case 'ruleSet': {
      const list = spec.editor === 'role' ? choices.roles : spec.editor === 'form' ? choices.forms : spec.editor === 'decisionTable' ? choices.decisionTables : choices.ruleSets;
      return list && list.length > 0 ? (
        <Select allowClear showSearch optionFilterProp="search" optionRender={optionRender} data-testid={testId} placeholder={t('choose')} value={value} options={options(list)} onChange={(next?: string) => onChange(next || undefined)} />
      ) : (
        <Input data-testid={testId} value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={() => onChange(draft.trim() || undefined)} />
      );
    }
    case 'boolean':
      return <Switch data-testid={testId} checked={value === undefined ? spec.name.endsWith('returnable') : value === 'true'} onChange={(next) => onChange(String(next))} />;
    case 'number':
      return <InputNumber data-testid={testId} style={{ width: '100%' }} value={value === undefined || value === '' ? null : Number(value)} onChange={(next) => onChange(next === null ? undefined : String(next))} />;
    case 'duration': {
      const invalid = draft.trim() !== '' && !isDurationLike(draft);
      return (
        <>
          <Input data-testid={testId} status={invalid ? 'error' : undefined} placeholder={spec.hint ? localize(spec.hint, locale) : undefined} value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={() => !invalid && onChange(draft.trim() || undefined)} />
          {invalid && <Typography.Text type="danger">{t('badDuration')}</Typography.Text>}
        </>
      );
    }
    default:
      return <Input data-testid={testId} placeholder={spec.hint ? localize(spec.hint, locale) : undefined} value={draft} onChange={(event) => setDraft(event.target.value)} onBlur={() => onChange(draft.trim() || undefined)} />;
  }
}

function ConditionEditor({ element, modeling, moddle, variables, locale }: { element: DiagramElement; modeling: BpmnService; moddle: Moddle; variables: RuleField[]; locale: Locale }) {
  const t = textFor(text, locale);
  const condition = readCondition(element.businessObject.conditionExpression);
  const isDefault = element.source?.businessObject.default?.id === element.businessObject.id;
  const write = (next: FlowCondition) => {
    const written = writeCondition(next);
    modeling.updateProperties(element, { conditionExpression: written ? moddle.create('bpmn:FormalExpression', written) : undefined });
  };
  if (isDefault) return <Alert type="info" showIcon message={t('defaultFlow')} />;
  return (
    <>
      <Segmented
        size="small"
        data-testid="bpmn-condition-kind"
        value={condition.kind}
        onChange={(kind) => write(kind === 'none' ? { kind: 'none' } : kind === 'rule' ? { kind: 'rule', rule: { '==': [{ var: variables[0]?.key ?? '' }, ''] } } : { kind: 'text', text: '${}' })}
        options={[
          { value: 'none', label: t('none') },
          { value: 'rule', label: t('rule') },
          { value: 'text', label: t('expression') },
        ]}
      />
      <div style={{ marginTop: 8 }}>
        {condition.kind === 'rule' && <RuleButton value={condition.rule} onChange={(rule) => write(rule === undefined ? { kind: 'none' } : { kind: 'rule', rule })} fields={variables} locale={locale} title={element.businessObject.name || element.id} testId="bpmn-condition-rule" />}
        {condition.kind === 'text' && <Input.TextArea autoSize defaultValue={condition.text} onBlur={(event) => write({ kind: 'text', text: event.target.value })} />}
      </div>
    </>
  );
}

/** Edits the selected element: its name, its `tessera:` attributes, a flow's condition. */
export function ProcessPropertiesPanel({ element, modeling, moddle, descriptor, locale, revision, ...choices }: PanelProps) {
  const t = textFor(text, locale);
  if (!element || !modeling || !moddle) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('nothing')} />;
  const bo = element.businessObject;
  const superTypes = bo.$descriptor?.allTypes?.map((type) => type.name) ?? [];
  const specs = attributesFor(descriptor, bo.$type, superTypes);
  const loop = bo.loopCharacteristics;
  const loopSpecs = loop ? attributesFor(descriptor, loop.$type) : [];
  const conditional = bo.$type === 'bpmn:SequenceFlow' && ['bpmn:ExclusiveGateway', 'bpmn:InclusiveGateway'].includes(element.source?.businessObject.$type ?? '');

  return (
    <Form layout="vertical" size="small" className="property-form" key={`${element.id}:${revision}`} data-testid="bpmn-properties">
      <Typography.Title level={5} className="panel-title">
        {bo.name || bo.id} <Typography.Text type="secondary">· {typeLabel(bo.$type, locale)}</Typography.Text>
      </Typography.Title>
      <Form.Item label={t('id')}>
        <Input value={bo.id} disabled />
      </Form.Item>
      {element.type !== 'bpmn:Process' && (
        <Form.Item label={t('name')}>
          <Input data-testid="bpmn-name" defaultValue={bo.name ?? ''} onBlur={(event) => event.target.value !== (bo.name ?? '') && modeling.updateLabel(element, event.target.value)} />
        </Form.Item>
      )}
      {conditional && (
        <Form.Item label={t('condition')}>
          <ConditionEditor element={element} modeling={modeling} moddle={moddle} variables={choices.variables ?? []} locale={locale} />
        </Form.Item>
      )}
      {specs.length > 0 && <Typography.Text strong>{t('tessera')}</Typography.Text>}
      {specs.map((spec) => (
        <Form.Item key={spec.name} label={localize(spec.label, locale)} extra={spec.hint && spec.editor !== 'duration' && spec.editor !== 'text' ? localize(spec.hint, locale) : undefined}>
          <AttributeInput spec={spec} value={bo.get(spec.name) as string | undefined} onChange={(value) => modeling.updateProperties(element, { [spec.name]: value })} choices={choices} locale={locale} />
        </Form.Item>
      ))}
      {loop && (
        <>
          <Typography.Text strong>{t('multiInstance')}</Typography.Text>
          {loopSpecs.map((spec) => (
            <Form.Item key={spec.name} label={localize(spec.label, locale)} extra={spec.hint ? localize(spec.hint, locale) : undefined}>
              <AttributeInput spec={spec} value={loop.get(spec.name) as string | undefined} onChange={(value) => modeling.updateModdleProperties(element, loop, { [spec.name]: value })} choices={choices} locale={locale} />
            </Form.Item>
          ))}
          <Form.Item label={t('completion')} extra={t('completionHint')}>
            <Input
              defaultValue={loop.completionCondition?.body ?? ''}
              onBlur={(event) => {
                const body = event.target.value.trim();
                modeling.updateModdleProperties(element, loop, { completionCondition: body ? moddle.create('bpmn:FormalExpression', { body }) : undefined });
              }}
            />
          </Form.Item>
        </>
      )}
    </Form>
  );
}
