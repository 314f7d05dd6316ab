import { compileProcess, ProcessError } from '../index';
import { bpmn, chain } from './bpmn';
import { Driver } from './driver';

/** Apply → review by a credit officer → approval by the boss: the steps most human-task tests walk. */
export const linear = bpmn(`<bpmn:startEvent id="start" />
  <bpmn:userTask id="apply" tessera:assignee="\${applicant}" />
  <bpmn:userTask id="review" tessera:candidateRoles="credit-officer" />
  <bpmn:userTask id="approve" tessera:assignee="boss" />
  <bpmn:endEvent id="end" />${chain('f', 'start', 'apply', 'review', 'approve', 'end')}`);

export async function linearDriver(): Promise<Driver> {
  return new Driver(await compileProcess(linear)).start({ variables: { applicant: 'wang' }, startedBy: 'wang' });
}

/** The code of the ProcessError an action throws ('no error' when it does not throw). */
export function errorCode(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof ProcessError) return error.code;
    throw error;
  }
  return 'no error';
}
