import type { ProcessDefinition } from '../definition/types';
import { requestJob } from '../activities/service-task';
import { disarm } from '../events/subscriptions';
import { ProcessError } from '../runtime/process-error';
import type { ProcessState } from '../runtime/state';
import { cloneJson } from '../runtime/variables';
import { applyCommand, type CommandResult, type Instant } from './command';

export interface CompleteJobOptions {
  now: Instant;
  result?: Record<string, unknown>;
  /** A failure. With a code a boundary event or event subprocess may catch it; otherwise it is an incident. */
  error?: { code?: string; message?: string };
}

/** The shell ran a service job: its result becomes variables, or its error is caught or becomes an incident. */
export function completeJob(definition: ProcessDefinition, state: ProcessState, jobId: string, options: CompleteJobOptions): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const job = run.state.jobs[jobId];
    if (!job) {
      throw new ProcessError('job.unknown', { 'zh-CN': `作业 ${jobId} 不存在或已结束`, en: `job ${jobId} does not exist or has ended` }, { jobId });
    }
    delete run.state.jobs[jobId];
    const execution = run.state.executions[job.executionId]!;
    delete execution.jobId;
    if (options.error) {
      const { code, message } = options.error;
      run.history('job.failed', { elementId: job.elementId, executionId: execution.id, detail: { jobId, code: code ?? null, message: message ?? null } });
      const caught = code !== undefined && run.throwErrorFromActivity(execution, code);
      if (!caught) run.raiseIncident(execution, 'job', message ?? code ?? 'the job failed', { jobId, retry: job.retry, ...(code ? { errorCode: code } : {}) });
      return;
    }
    run.history('job.completed', { elementId: job.elementId, executionId: execution.id, detail: { jobId } });
    run.completeActivity(execution, cloneJson(options.result ?? {}));
  });
}

/** Retries what an incident stopped: the job is requested again, or the gateway re-evaluated with the current variables. */
export function retryIncident(definition: ProcessDefinition, state: ProcessState, incidentId: string, options: { now: Instant }): CommandResult {
  return applyCommand(definition, state, options.now, (run) => {
    const incident = run.state.incidents[incidentId];
    if (!incident) {
      throw new ProcessError('incident.unknown', { 'zh-CN': `事件 ${incidentId} 不存在或已解决`, en: `incident ${incidentId} does not exist or was resolved` });
    }
    delete run.state.incidents[incidentId];
    run.emit({ type: 'incident.resolved', at: run.now, incidentId });
    run.history('incident.resolved', { elementId: incident.elementId, detail: { incidentId } });
    const execution = run.state.executions[incident.executionId]!;
    delete execution.wait;
    const element = run.element(execution.elementId);
    if (incident.kind === 'job') {
      requestJob(run, execution, element, (incident.retry ?? 0) + 1);
    } else if (element.kind.endsWith('Gateway')) run.leave(execution);
    else {
      // The element starts again from scratch: what it had armed the first time goes.
      disarm(run, execution.armed);
      execution.armed = [];
      run.enqueue(execution);
    }
  });
}
