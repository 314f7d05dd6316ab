import type { ElementDefinition } from '../definition/types';
import type { Run } from '../runtime/run';
import type { ExecutionState } from '../runtime/state';
import { cloneJson } from '../runtime/variables';

/** Service and send tasks: the shell runs a job of the task's type and reports back with `completeJob`. */
export function requestJob(run: Run, execution: ExecutionState, element: ElementDefinition, retry: number): void {
  const variables = cloneJson(execution.local ?? run.variablesFor(execution));
  const job = { id: run.newId('job'), elementId: element.id, executionId: execution.id, jobType: element.jobType ?? element.id, variables, retry };
  run.state.jobs[job.id] = job;
  execution.wait = 'job';
  execution.jobId = job.id;
  run.emit({ type: 'job.requested', at: run.now, jobId: job.id, elementId: element.id, jobType: job.jobType, variables: cloneJson(variables), retry });
}
