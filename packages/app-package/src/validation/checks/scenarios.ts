import Ajv from 'ajv';
import { packageProblem } from '../../problems/package-problem';
import { schemaProblems } from '../../problems/schema-problems';
import { scenarioSchema } from '../../scenarios/scenario-schema';
import type { ValidationContext } from '../validation-context';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
const validateScenario = ajv.compile(scenarioSchema);

type Json = Record<string, unknown>;

/** Scenario shape, then that its processes, forms and BPMN elements exist and every `$name` is saved before use. */
export function checkScenario(context: ValidationContext, file: string, value: unknown): boolean {
  if (!validateScenario(value)) {
    for (const problem of schemaProblems(file, 'scenario.schema', validateScenario.errors)) context.report(problem);
    return false;
  }
  const scenario = value as { steps: Json[] };
  const saved = new Map<string, string | undefined>();
  scenario.steps.forEach((step, index) => {
    const path = `steps[${index}]`;
    const useReference = (reference: unknown, property: string): string | undefined => {
      if (typeof reference !== 'string') return undefined;
      const name = reference.slice(1);
      if (!saved.has(name)) {
        context.report(
          packageProblem(file, 'scenario.reference', { 'zh-CN': `"${reference}" 在使用前没有被 save`, en: `"${reference}" is used before any step saves it` }, { path: `${path}.${property}` }),
        );
      }
      return saved.get(name);
    };
    const checkElement = (processKey: string | undefined, element: unknown, property: string): void => {
      if (!processKey || typeof element !== 'string') return;
      const process = context.processes.get(processKey);
      if (process && !process.references.elementIds.has(element)) {
        context.report(
          packageProblem(file, 'scenario.element', { 'zh-CN': `流程 "${processKey}" 中没有元素 "${element}"`, en: `the process "${processKey}" has no element "${element}"` }, { path: `${path}.${property}` }),
        );
      }
    };
    switch (step.action) {
      case 'startProcess':
        if (!context.processes.has(String(step.process))) {
          context.report(
            packageProblem(file, 'reference.process.unknown', { 'zh-CN': `流程 "${String(step.process)}" 不在本应用中`, en: `the process "${String(step.process)}" is not part of this app` }, { path: `${path}.process` }),
          );
        }
        if (typeof step.save === 'string') saved.set(step.save, String(step.process));
        break;
      case 'findInstance':
        if (step.parent !== undefined) useReference(step.parent, 'parent');
        if (!context.processes.has(String(step.process))) {
          context.report(
            packageProblem(file, 'reference.process.unknown', { 'zh-CN': `流程 "${String(step.process)}" 不在本应用中`, en: `the process "${String(step.process)}" is not part of this app` }, { path: `${path}.process` }),
          );
        }
        saved.set(String(step.save), String(step.process));
        break;
      case 'createRecord':
      case 'expectRecords':
        context.checkFormReference(file, String(step.form), { path: `${path}.form` });
        if (typeof step.save === 'string') saved.set(step.save, undefined);
        break;
      case 'updateRecord':
      case 'expectTags':
        useReference(step.record, 'record');
        break;
      case 'claimTask':
      case 'completeTask':
      case 'returnTask':
      case 'remindTask': {
        const task = step.task as Json;
        const processKey = useReference(task.instance, 'task.instance');
        checkElement(processKey, task.element, 'task.element');
        if (step.action === 'returnTask') checkElement(processKey, step.to, 'to');
        break;
      }
      case 'completeJob':
      case 'expectJobs':
        checkElement(useReference(step.instance, 'instance'), step.element, 'element');
        break;
      case 'expectTasks': {
        const processKey = useReference(step.instance, 'instance');
        (step.tasks as Json[]).forEach((task, taskIndex) => checkElement(processKey, task.element, `tasks[${taskIndex}].element`));
        break;
      }
      case 'expectInstance':
        checkElement(useReference(step.instance, 'instance'), step.endEvent, 'endEvent');
        break;
    }
  });
  return true;
}
