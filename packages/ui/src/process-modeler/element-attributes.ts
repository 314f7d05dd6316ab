import type { LocalizedText } from '@tessera/rules';

/** How the properties panel edits an attribute. */
export type AttributeEditor = 'text' | 'roles' | 'users' | 'form' | 'duration' | 'boolean' | 'number' | 'role' | 'decisionTable' | 'ruleSet';

export interface AttributeSpec {
  /** `tessera:assignee` */
  name: string;
  label: LocalizedText;
  editor: AttributeEditor;
  hint?: LocalizedText;
}

interface DescriptorType {
  readonly name: string;
  readonly extends?: readonly string[];
  readonly superClass?: readonly string[];
  readonly properties?: ReadonlyArray<{ readonly name: string; readonly isAttr?: boolean; readonly type?: string }>;
}

export interface ModdleDescriptor {
  readonly prefix: string;
  readonly types: readonly DescriptorType[];
}

/** Labels and editors for the attributes Tessera documents; others fall back to a text box. */
const known: Record<string, Omit<AttributeSpec, 'name'>> = {
  assignee: { label: { 'zh-CN': '办理人', en: 'Assignee' }, editor: 'text', hint: { 'zh-CN': '用户名或表达式，如 ${initiator}', en: 'A user name or an expression such as ${initiator}' } },
  candidateUsers: { label: { 'zh-CN': '候选人', en: 'Candidate users' }, editor: 'users' },
  excludeUsers: {
    label: { 'zh-CN': '排除人员（不得办理）', en: 'Excluded users (may not act)' },
    editor: 'text',
    hint: { 'zh-CN': '用户名或表达式，如 ${applicant}（四眼原则）', en: 'User names or an expression such as ${applicant} (maker-checker)' },
  },
  candidateRoles: { label: { 'zh-CN': '候选角色', en: 'Candidate roles' }, editor: 'roles' },
  assignmentRule: { label: { 'zh-CN': '分配规则集', en: 'Assignment rule set' }, editor: 'ruleSet' },
  formKey: { label: { 'zh-CN': '表单', en: 'Form' }, editor: 'form' },
  dueDate: { label: { 'zh-CN': '到期时间', en: 'Due date' }, editor: 'duration', hint: { 'zh-CN': '如 P2D、PT8H 或日期', en: 'e.g. P2D, PT8H or a date' } },
  sla: { label: { 'zh-CN': '服务时限 (SLA)', en: 'Service level (SLA)' }, editor: 'duration', hint: { 'zh-CN': '如 PT8H、P2WD（2 个工作日）', en: 'e.g. PT8H, P2WD (two working days)' } },
  remindEvery: { label: { 'zh-CN': '自动催办间隔', en: 'Remind every' }, editor: 'duration', hint: { 'zh-CN': '如 PT4H', en: 'e.g. PT4H' } },
  escalateTo: { label: { 'zh-CN': '超时升级给角色', en: 'Escalate to role' }, editor: 'role' },
  priority: { label: { 'zh-CN': '优先级', en: 'Priority' }, editor: 'number' },
  returnable: { label: { 'zh-CN': '允许退回至此', en: 'May be returned to' }, editor: 'boolean' },
  initiator: { label: { 'zh-CN': '发起人变量', en: 'Initiator variable' }, editor: 'text' },
  jobType: { label: { 'zh-CN': '服务类型', en: 'Job type' }, editor: 'text' },
  decisionTable: { label: { 'zh-CN': '决策表', en: 'Decision table' }, editor: 'decisionTable' },
  resultVariable: { label: { 'zh-CN': '结果变量', en: 'Result variable' }, editor: 'text' },
  ruleSet: { label: { 'zh-CN': '规则集', en: 'Rule set' }, editor: 'ruleSet' },
  calledElement: { label: { 'zh-CN': '调用流程', en: 'Called process' }, editor: 'text' },
  businessKey: { label: { 'zh-CN': '子流程业务编号', en: 'Child business key' }, editor: 'text' },
  collection: { label: { 'zh-CN': '会签集合', en: 'Collection' }, editor: 'text', hint: { 'zh-CN': '变量名或表达式，如 ${approvers}', en: 'A variable or an expression such as ${approvers}' } },
  elementVariable: { label: { 'zh-CN': '元素变量', en: 'Element variable' }, editor: 'text' },
  correlationKey: { label: { 'zh-CN': '关联键', en: 'Correlation key' }, editor: 'text' },
};

function humanize(name: string): LocalizedText {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return { 'zh-CN': name, en: words.charAt(0).toUpperCase() + words.slice(1) };
}

/**
 * The extension attributes a BPMN element of `bpmnType` (e.g. `bpmn:UserTask`) may carry, read
 * from the moddle descriptor so the panel offers exactly what the engine parses.
 */
export function attributesFor(descriptor: ModdleDescriptor, bpmnType: string, superTypes: readonly string[] = []): AttributeSpec[] {
  const types = new Set([bpmnType, ...superTypes]);
  const seen = new Set<string>();
  const specs: AttributeSpec[] = [];
  for (const type of descriptor.types) {
    if (!type.extends?.some((target) => types.has(target))) continue;
    for (const property of type.properties ?? []) {
      // moddle rewrites the descriptors it registers, prefixing property names.
      const local = property.name.includes(':') ? property.name.slice(property.name.indexOf(':') + 1) : property.name;
      if (!property.isAttr || seen.has(local)) continue;
      seen.add(local);
      specs.push({ name: `${descriptor.prefix}:${local}`, ...(known[local] ?? { label: humanize(local), editor: property.type === 'Boolean' ? 'boolean' : 'text' }) });
    }
  }
  return specs;
}

/** Splits a comma list attribute ("a, b") into names; expressions stay whole. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];
  if (value.includes('${') || value.trim().startsWith('{') || value.trim().startsWith('[')) return [value];
  return value.split(',').map((item) => item.trim()).filter(Boolean);
}

export function joinList(values: readonly string[]): string | undefined {
  const cleaned = values.map((value) => value.trim()).filter(Boolean);
  return cleaned.length > 0 ? cleaned.join(',') : undefined;
}

const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(\d+WD)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

/** Whether a text is an ISO 8601 duration Tessera accepts (with `WD` working days), a date, or an expression. */
export function isDurationLike(value: string): boolean {
  const text = value.trim();
  return DURATION.test(text) || /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text) || text.startsWith('${') || text.startsWith('#{');
}
