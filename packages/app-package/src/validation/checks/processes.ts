import { compileProcess } from '@tessera/process';
import { DefinitionError, type DecisionTableDefinition, type RuleSetDefinition } from '@tessera/rules';
import { inFile, packageProblem } from '../../problems/package-problem';
import { drawnElementTypes, readBpmnReferences } from '../bpmn-references';
import type { ValidationContext } from '../validation-context';

/** Registers a BPMN file's processes; the file must declare at least one with an id unique in the app. */
export function registerProcess(context: ValidationContext, file: string, xml: string): string[] {
  const references = readBpmnReferences(xml);
  if (!/<([\w.-]+:)?definitions[\s>]/.test(xml) || references.processIds.length === 0) {
    context.report(packageProblem(file, 'process.missing', { 'zh-CN': '文件中没有 BPMN 流程（bpmn:process）', en: 'the file holds no BPMN process (bpmn:process)' }));
    return [];
  }
  for (const id of references.processIds) {
    const existing = context.processes.get(id);
    if (existing) {
      context.report(
        packageProblem(file, 'process.duplicate', { 'zh-CN': `流程 "${id}" 在 ${existing.file} 中已定义`, en: `the process "${id}" is already defined in ${existing.file}` }, { elementId: id }),
      );
      continue;
    }
    context.processes.set(id, { file, references });
  }
  return references.processIds;
}

/** Form keys, roles and called processes named by the process, and its diagram (the engine checks tables and rule sets). */
export function checkProcessReferences(context: ValidationContext, file: string): void {
  const entry = [...context.processes.values()].find((process) => process.file === file);
  if (!entry) return;
  const { references } = entry;
  for (const reference of references.references) {
    const where = { elementId: reference.elementId };
    switch (reference.attribute) {
      case 'formKey': {
        const [formKey, step] = reference.value.split('@');
        if (reference.value.includes('${')) break;
        const form = context.checkFormReference(file, formKey!, where);
        if (form && step && !form.steps.has(step)) {
          context.report(
            packageProblem(
              file,
              'reference.form.step',
              {
                'zh-CN': `表单 "${formKey}" 的权限中没有步骤 "${step}"`,
                en: `the form "${formKey}" has no step "${step}" in its permissions`,
              },
              where,
            ),
          );
        }
        break;
      }
      case 'candidateRoles':
      case 'escalateTo':
        if (reference.value.includes('${') || reference.value.trim().startsWith('{')) break;
        for (const role of reference.value.split(',').map((text) => text.trim()).filter(Boolean)) context.checkRoleReference(file, role, where);
        break;
      case 'calledElement':
        if (!context.processes.has(reference.value)) {
          context.report(
            packageProblem(file, 'reference.process.unknown', { 'zh-CN': `调用的流程 "${reference.value}" 不在本应用中`, en: `the called process "${reference.value}" is not part of this app` }, where),
          );
        }
        break;
    }
  }
  for (const elementId of references.unassignedUserTasks) {
    context.report(
      packageProblem(
        file,
        'process.task.unassigned',
        { 'zh-CN': '用户任务没有指定处理人、候选人、候选角色或分配规则，没有人能在待办中看到它', en: 'the user task names no assignee, candidates, candidate roles or assignment rule: nobody will see it in their inbox' },
        { elementId, severity: 'warning' },
      ),
    );
  }
  const undrawn = [...references.elementIds].filter(([id, type]) => drawnElementTypes.has(type) && !references.diagramElements.has(id)).map(([id]) => id);
  if (undrawn.length > 0) {
    context.report(
      packageProblem(
        file,
        'process.diagram.incomplete',
        {
          'zh-CN': `流程图缺少以下元素的图形，流程设计器无法显示：${undrawn.join('、')}`,
          en: `the diagram has no shape for ${undrawn.join(', ')}; the process modeler cannot show them`,
        },
        { elementId: undrawn[0], severity: 'warning' },
      ),
    );
  }
}

/**
 * Has the process engine compile every process of the file with the app's decision tables and rule
 * sets, so unsupported elements, bad expressions and malformed timers are reported by element id.
 */
export async function compileProcesses(context: ValidationContext, file: string, xml: string, processIds: string[]): Promise<void> {
  // The rules engine judges the definitions themselves (checkDecisionTable / checkRuleSet); here they only need to be found.
  const definitions = <Definition>(registry: Map<string, { definition: Record<string, unknown> }>): Record<string, Definition> =>
    Object.fromEntries([...registry].map(([key, { definition }]) => [key, definition as unknown as Definition]));
  const decisionTables = definitions<DecisionTableDefinition>(context.decisionTables);
  const ruleSets = definitions<RuleSetDefinition>(context.ruleSets);
  const reported = new Set<string>();
  for (const processId of processIds) {
    try {
      await compileProcess(xml, { processId, decisionTables, ruleSets });
    } catch (error) {
      if (!(error instanceof DefinitionError)) throw error;
      // Problems of the file as a whole (namespace, XML syntax) come back once per process: list them once.
      for (const problem of inFile(file, error.problems)) {
        const identity = `${problem.code}|${problem.elementId ?? ''}|${problem.path ?? ''}|${problem.message.en}`;
        if (reported.has(identity)) continue;
        reported.add(identity);
        context.report(problem);
      }
    }
  }
}
