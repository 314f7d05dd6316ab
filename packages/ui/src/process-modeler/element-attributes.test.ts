import { tesseraModdleDescriptor } from '@tessera/process';
import { attributesFor, isDurationLike, joinList, splitList, type ModdleDescriptor } from './element-attributes';

describe('the attributes the process properties panel offers', () => {
  it('lists the user-task attributes of the tessera descriptor with bilingual labels', () => {
    const specs = attributesFor(tesseraModdleDescriptor, 'bpmn:UserTask');
    const names = specs.map((spec) => spec.name);
    expect(names).toEqual(expect.arrayContaining(['tessera:assignee', 'tessera:candidateRoles', 'tessera:formKey', 'tessera:sla', 'tessera:remindEvery', 'tessera:escalateTo']));
    expect(specs.find((spec) => spec.name === 'tessera:excludeUsers')).toMatchObject({ editor: 'text', label: { 'zh-CN': '排除人员（不得办理）', en: 'Excluded users (may not act)' } });
    expect(specs.find((spec) => spec.name === 'tessera:candidateRoles')).toMatchObject({ editor: 'roles', label: { 'zh-CN': '候选角色', en: 'Candidate roles' } });
  });

  it('gives every attribute of the tessera descriptor a translated label, not its raw name', () => {
    const targets = [...new Set((tesseraModdleDescriptor as ModdleDescriptor).types.flatMap((type) => type.extends ?? []))];
    const raw = targets.flatMap((target) => attributesFor(tesseraModdleDescriptor, target)).filter((spec) => spec.label['zh-CN'] === spec.name.slice('tessera:'.length));
    expect(raw.map((spec) => spec.name)).toEqual([]);
  });

  it('offers a business-rule task its decision table and nothing of a user task', () => {
    const names = attributesFor(tesseraModdleDescriptor, 'bpmn:BusinessRuleTask').map((spec) => spec.name);
    expect(names).toContain('tessera:decisionTable');
    expect(names).not.toContain('tessera:assignee');
  });

  it('offers nothing for elements the extension does not touch', () => {
    expect(attributesFor(tesseraModdleDescriptor, 'bpmn:ParallelGateway')).toEqual([]);
  });

  it('reads attributes a descriptor has that it has no label for, with a readable fallback', () => {
    const specs = attributesFor({ prefix: 'x', types: [{ name: 'T', extends: ['bpmn:Task'], properties: [{ name: 'maxRetryCount', isAttr: true, type: 'Integer' }] }] }, 'bpmn:Task');
    expect(specs).toEqual([{ name: 'x:maxRetryCount', label: { 'zh-CN': 'maxRetryCount', en: 'Max retry count' }, editor: 'text' }]);
  });

  it('reads a descriptor that moddle has already registered, with prefixed property names', () => {
    const registered = { prefix: 'tessera', types: [{ name: 'UserTaskProperties', extends: ['bpmn:UserTask'], properties: [{ name: 'tessera:sla', isAttr: true, type: 'String' }] }] };
    expect(attributesFor(registered, 'bpmn:UserTask')).toMatchObject([{ name: 'tessera:sla', label: { 'zh-CN': '服务时限 (SLA)' } }]);
  });

  it('splits and joins comma lists but keeps expressions whole', () => {
    expect(splitList('credit_officer, risk_officer')).toEqual(['credit_officer', 'risk_officer']);
    expect(splitList('${approvers}')).toEqual(['${approvers}']);
    expect(joinList(['a', ' ', 'b'])).toBe('a,b');
    expect(joinList([])).toBeUndefined();
  });

  it('accepts ISO durations with working days, dates and expressions as deadlines', () => {
    for (const value of ['PT8H', 'P2D', 'P1DT4H', 'P2WD', '2026-12-01', '2026-12-01T09:00:00Z', '${dueAt}']) expect([value, isDurationLike(value)]).toEqual([value, true]);
    for (const value of ['8 hours', 'P', 'PT', 'tomorrow']) expect([value, isDurationLike(value)]).toEqual([value, false]);
  });
});
