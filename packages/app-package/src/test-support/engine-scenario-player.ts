import {
  awaitsMessage,
  claimTask,
  compileProcess,
  completeCallActivity,
  completeJob,
  completeTask,
  deliverMessage,
  fireTimer,
  parseDuration,
  addDuration,
  ProcessError,
  start,
  type Effect,
  type ProcessDefinition,
  type ProcessState,
  type TaskState,
} from '@tessera/process';
import { compileForm, type CompiledForm } from '@tessera/forms';
import { evaluate, runRuleSet, truthy, type DecisionTableDefinition, type RuleSetDefinition } from '@tessera/rules';
import type { AppPackage } from '../app-package';

/**
 * Plays a template's scenarios against the engines alone: processes on `@tessera/process` (task
 * completions with the candidate checks the server applies, the clock, messages, jobs and call
 * activities), records on `@tessera/forms` (write permissions, validation, computed fields) with
 * the template's rule sets run on record events by `@tessera/rules`. Audit-log steps need the
 * server and are listed as not played. This proves the BPMN, the forms, the rules and the
 * scenario agree before any server runs them.
 */
export interface DemoUser {
  username: string;
  roles: string[];
}

interface Instance {
  processKey: string;
  definition: ProcessDefinition;
  state: ProcessState;
  parent?: { instance: Instance; callId: string };
  endEvent?: string;
}

export interface PlayResult {
  played: number;
  notPlayed: string[];
}

type Step = Record<string, unknown> & { action: string };

class ScenarioFailure extends Error {}

const notifyJob = /^notify\./;

function subset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.length === actual.length && expected.every((item, index) => subset(actual[index], item));
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([key, value]) => subset((actual as Record<string, unknown>)[key], value));
}

export async function playScenarioOnEngine(appPackage: AppPackage, scenario: { key: string; startAt?: string; steps: Step[] }, users: DemoUser[]): Promise<PlayResult> {
  const decisionTables = Object.fromEntries(appPackage.decisionTables.map((table) => [table.key, table.definition as unknown as DecisionTableDefinition]));
  const ruleSets = Object.fromEntries(appPackage.ruleSets.map((ruleSet) => [ruleSet.key, ruleSet.definition as unknown as RuleSetDefinition]));
  const definitions = new Map<string, ProcessDefinition>();
  for (const process of appPackage.processes) {
    for (const processId of process.processIds) definitions.set(processId, await compileProcess(process.definition, { processId, decisionTables, ruleSets }));
  }
  const settings = Object.fromEntries(Object.entries(appPackage.manifest.settings ?? {}).map(([key, setting]) => [key, setting.default]));
  const rolesOf = new Map(users.map((user) => [user.username, user.roles]));
  let now = Date.parse(scenario.startAt ?? '2026-11-23T09:00:00+08:00');
  const iso = (): string => new Date(now).toISOString();
  const saved = new Map<string, Instance>();
  const instances: Instance[] = [];
  const notifications: { to: string; template: string }[] = [];
  let stepIndex = 0;
  const fail = (message: string): never => {
    throw new ScenarioFailure(`${scenario.key} steps[${stepIndex}]: ${message}`);
  };

  const notify = (to: unknown, template: string): void => {
    for (const recipient of Array.isArray(to) ? to : [to]) if (typeof recipient === 'string') notifications.push({ to: recipient, template });
  };

  const apply = (instance: Instance, result: { state: ProcessState; effects: Effect[] }): void => {
    instance.state = result.state;
    for (const effect of result.effects) {
      if (effect.type === 'job.requested' && notifyJob.test(effect.jobType)) {
        const variables = effect.variables as Record<string, unknown>;
        const customer = variables.customer as { id?: string } | undefined;
        notify(variables.to ?? variables.role ?? customer?.id ?? variables.mobile, String(variables.template));
        apply(instance, completeJob(instance.definition, instance.state, effect.jobId, { now: iso(), result: {} }));
        return;
      }
      if (effect.type === 'task.reminded' && effect.automatic) {
        const task = instance.state.tasks[effect.taskId];
        notify(task?.assignee ?? task?.candidateUsers ?? [], 'task.reminded');
        if (task && !task.assignee) for (const role of task.candidateRoles) notify(users.filter((user) => user.roles.includes(role)).map((user) => user.username), 'task.reminded');
      }
      if (effect.type === 'task.escalated' && effect.role) notify(users.filter((user) => user.roles.includes(effect.role!)).map((user) => user.username), 'task.escalated');
      if (effect.type === 'callActivity.requested') {
        const definition = definitions.get(effect.calledElement) ?? fail(`no process ${effect.calledElement} to call`);
        const child: Instance = { processKey: effect.calledElement, definition, state: undefined as never, parent: { instance, callId: effect.callId } };
        instances.push(child);
        apply(child, start(definition, { variables: { ...effect.variables, settings }, businessKey: effect.businessKey, now: iso(), instanceId: `pi-${instances.length}` }));
      }
      if (effect.type === 'instance.ended') {
        instance.endEvent = effect.endEventId;
        if (instance.parent) apply(instance.parent.instance, completeCallActivity(instance.parent.instance.definition, instance.parent.instance.state, instance.parent.callId, { now: iso(), variables: effect.variables }));
      }
    }
  };

  const instanceOf = (reference: unknown): Instance => saved.get(String(reference).slice(1)) ?? fail(`${String(reference)} was never saved`);
  const openTasks = (instance: Instance, element: string): TaskState[] => Object.values(instance.state.tasks).filter((task) => task.elementId === element);
  const mayWorkOn = (task: TaskState, username: string): boolean =>
    task.assignee ? task.assignee === username : task.candidateUsers.includes(username) || task.candidateRoles.some((role) => rolesOf.get(username)?.includes(role));
  const selectTask = (step: Step): { instance: Instance; task: TaskState } => {
    const selector = step.task as { instance: string; element: string };
    const instance = instanceOf(selector.instance);
    const username = String(step.as);
    const candidates = openTasks(instance, selector.element);
    if (candidates.length === 0) fail(`no open task at ${selector.element}`);
    return { instance, task: candidates.find((task) => mayWorkOn(task, username)) ?? candidates[0]! };
  };
  const denied = (step: Step, allowed: boolean): boolean => {
    const expected = step.expectError as { status: number } | undefined;
    if (expected && allowed) fail(`expected a ${expected.status} refusal, but ${String(step.as)} may do it`);
    if (!expected && !allowed) fail(`${String(step.as)} may not do this`);
    return !allowed;
  };

  /** Runs a human-task command; a maker-checker refusal by the engine (`task.userExcluded`) counts as the server's 403. */
  const refusedByEngine = (command: () => void): boolean => {
    try {
      command();
      return false;
    } catch (error) {
      if (error instanceof ProcessError && error.code === 'task.userExcluded') return true;
      throw error;
    }
  };

  const forms = new Map<string, CompiledForm>(appPackage.forms.map((form) => [form.key, compileForm(form.definition)]));
  const records = new Map<string, { form: string; data: Record<string, unknown> }>();
  const allRecords: { form: string; data: Record<string, unknown> }[] = [];
  const runRules = (form: string, data: Record<string, unknown>, event: 'record.created' | 'record.updated', changed: string[]): Record<string, unknown> => {
    let facts = data;
    for (const ruleSet of appPackage.ruleSets) {
      const definition = ruleSet.definition as { form?: string; triggers?: { on: string; fields?: string[] }[] };
      const fires = definition.form === form && definition.triggers?.some((trigger) => trigger.on === event && (!trigger.fields || trigger.fields.some((field) => changed.includes(field))));
      if (fires) facts = runRuleSet(ruleSet.definition as unknown as RuleSetDefinition, facts, { now: iso() }).facts as Record<string, unknown>;
    }
    return facts;
  };
  const writeRecord = (step: Step, form: string, previous: Record<string, unknown> | undefined, next: Record<string, unknown>): Record<string, unknown> | undefined => {
    const compiled = forms.get(form) ?? fail(`no form ${form}`);
    const audience = { role: rolesOf.get(String(step.as)) ?? [], now: iso() };
    if (denied(step, compiled.acceptWrite(previous ?? {}, next, audience).length === 0)) return undefined;
    const result = compiled.validate(next, { ...audience, locale: 'en' });
    if (!result.valid) fail(`the record does not validate: ${result.errors.map((error) => `${error.path} ${error.message}`).join('; ')}`);
    const changed = Object.keys(next).filter((key) => JSON.stringify(next[key]) !== JSON.stringify(previous?.[key]));
    return runRules(form, result.data, previous ? 'record.updated' : 'record.created', changed);
  };

  const played: number[] = [];
  const notPlayed: string[] = [];
  for (const step of scenario.steps) {
    switch (step.action) {
      case 'startProcess': {
        const definition = definitions.get(String(step.process)) ?? fail(`no process ${String(step.process)}`);
        const instance: Instance = { processKey: String(step.process), definition, state: undefined as never };
        instances.push(instance);
        const variables = { ...(step.variables as Record<string, unknown>), settings };
        apply(instance, start(definition, { variables, businessKey: step.businessKey as string | undefined, startedBy: String(step.as), now: iso(), instanceId: `pi-${instances.length}` }));
        if (typeof step.save === 'string') saved.set(step.save, instance);
        break;
      }
      case 'claimTask': {
        const { instance, task } = selectTask(step);
        const refused = !mayWorkOn(task, String(step.as)) || refusedByEngine(() => apply(instance, claimTask(instance.definition, instance.state, task.id, { by: String(step.as), now: iso() })));
        denied(step, !refused);
        break;
      }
      case 'completeTask': {
        const { instance, task } = selectTask(step);
        const refused =
          !mayWorkOn(task, String(step.as)) ||
          refusedByEngine(() => apply(instance, completeTask(instance.definition, instance.state, task.id, { data: (step.data ?? {}) as Record<string, unknown>, by: String(step.as), now: iso() })));
        denied(step, !refused);
        break;
      }
      case 'advanceClock': {
        const duration = parseDuration(String(step.by)) ?? fail(`bad duration ${String(step.by)}`);
        const target = addDuration(new Date(now), duration).getTime();
        for (;;) {
          const due = instances
            .flatMap((instance) => Object.values(instance.state.timers).map((timer) => ({ instance, timer })))
            .filter(({ timer }) => Date.parse(timer.dueAt) <= target)
            .sort((a, b) => Date.parse(a.timer.dueAt) - Date.parse(b.timer.dueAt))[0];
          if (!due) break;
          now = Math.max(now, Date.parse(due.timer.dueAt));
          apply(due.instance, fireTimer(due.instance.definition, due.instance.state, due.timer.id, { now: iso() }));
        }
        now = target;
        break;
      }
      case 'deliverMessage': {
        const receiver = instances.find((instance) => awaitsMessage(instance.state, String(step.name), step.correlationKey as string | undefined));
        if (!receiver) fail(`nobody awaits the message ${String(step.name)}`);
        apply(receiver!, deliverMessage(receiver!.definition, receiver!.state, { name: String(step.name), correlationKey: step.correlationKey as string | undefined, payload: step.payload as Record<string, unknown>, now: iso() }));
        break;
      }
      case 'completeJob': {
        const instance = instanceOf(step.instance);
        const job = Object.values(instance.state.jobs).find((candidate) => candidate.elementId === step.element) ?? fail(`no pending job at ${String(step.element)}`);
        apply(instance, completeJob(instance.definition, instance.state, job.id, { now: iso(), result: step.result as Record<string, unknown> | undefined, error: step.error as { code: string } | undefined }));
        break;
      }
      case 'findInstance': {
        const parent = step.parent ? instanceOf(step.parent) : undefined;
        const found = instances.find((instance) => instance.processKey === step.process && (!parent || instance.parent?.instance === parent)) ?? fail(`no instance of ${String(step.process)}`);
        saved.set(String(step.save), found);
        break;
      }
      case 'createRecord': {
        const data = writeRecord(step, String(step.form), undefined, step.data as Record<string, unknown>);
        if (!data) break;
        const record = { form: String(step.form), data };
        allRecords.push(record);
        if (typeof step.save === 'string') records.set(step.save, record);
        break;
      }
      case 'updateRecord': {
        const record = records.get(String(step.record).slice(1)) ?? fail(`${String(step.record)} was never saved`);
        const data = writeRecord(step, record.form, record.data, { ...record.data, ...(step.data as Record<string, unknown>) });
        if (data) record.data = data;
        break;
      }
      case 'expectRecords': {
        const matching = allRecords.filter((record) => record.form === step.form && (step.filter === undefined || truthy(evaluate(step.filter, record.data, { now: iso() }))));
        if (step.count !== undefined && matching.length !== step.count) fail(`${matching.length} ${String(step.form)} records match, expected ${String(step.count)}`);
        for (const record of matching) if (step.data && !subset(record.data, step.data)) fail(`record ${JSON.stringify(record.data)} does not contain ${JSON.stringify(step.data)}`);
        break;
      }
      case 'expectTags': {
        const record = records.get(String(step.record).slice(1)) ?? fail(`${String(step.record)} was never saved`);
        const tags = (record.data.tags as string[] | undefined) ?? [];
        for (const tag of step.tags as string[]) if (!tags.includes(tag)) fail(`tag ${tag} missing from ${tags.join(', ')}`);
        for (const tag of (step.absent as string[] | undefined) ?? []) if (tags.includes(tag)) fail(`tag ${tag} should be absent`);
        break;
      }
      case 'expectTasks': {
        const instance = instanceOf(step.instance);
        const expected = step.tasks as { element: string; assignee?: string; candidateRoles?: string[]; escalated?: boolean; count?: number }[];
        const open = Object.values(instance.state.tasks);
        const wanted = expected.reduce((sum, task) => sum + (task.count ?? 1), 0);
        if (open.length !== wanted) fail(`expected ${wanted} open tasks, found ${open.map((task) => task.elementId).join(', ') || 'none'}`);
        for (const task of expected) {
          const matching = open.filter((candidate) => candidate.elementId === task.element);
          if (matching.length !== (task.count ?? 1)) fail(`expected ${task.count ?? 1} open ${task.element} tasks, found ${matching.length}`);
          for (const found of matching) {
            if (task.assignee !== undefined && found.assignee !== task.assignee) fail(`${task.element} is assigned to ${found.assignee}, not ${task.assignee}`);
            if (task.candidateRoles && [...found.candidateRoles].sort().join() !== [...task.candidateRoles].sort().join()) fail(`${task.element} has candidate roles ${found.candidateRoles.join()}`);
            if (task.escalated !== undefined && Boolean(found.escalated) !== task.escalated) fail(`${task.element} escalated is ${String(found.escalated)}`);
          }
        }
        break;
      }
      case 'expectInstance': {
        const instance = instanceOf(step.instance);
        if (step.status && instance.state.status !== step.status) fail(`instance is ${instance.state.status}, not ${String(step.status)}`);
        if (step.endEvent && instance.endEvent !== step.endEvent) fail(`instance ended at ${instance.endEvent}, not ${String(step.endEvent)}`);
        if (step.variables && !subset(instance.state.variables, step.variables)) fail(`variables ${JSON.stringify(instance.state.variables)} do not contain ${JSON.stringify(step.variables)}`);
        break;
      }
      case 'expectJobs': {
        const instance = instanceOf(step.instance);
        const job = Object.values(instance.state.jobs).find((candidate) => candidate.elementId === step.element);
        if (!job || (step.jobType && job.jobType !== step.jobType)) fail(`no pending ${String(step.jobType ?? '')} job at ${String(step.element)}`);
        break;
      }
      case 'expectNotifications': {
        const count = notifications.filter((notification) => notification.to === step.to && (!step.template || notification.template === step.template)).length;
        if (step.count !== undefined && count !== step.count) fail(`${count} notifications to ${String(step.to)} (${String(step.template)}), expected ${String(step.count)}`);
        break;
      }
      default:
        notPlayed.push(`steps[${stepIndex}] ${step.action}`);
        stepIndex++;
        continue;
    }
    played.push(stepIndex);
    stepIndex++;
  }
  return { played: played.length, notPlayed };
}
