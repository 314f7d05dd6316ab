import type { CoreBankingStub } from './core-banking-stub';
import { belongsTo, cameFromTemplate, type InboxNotification } from './notification-template';
import { ApiError, describeBody, type ServerApi, type Session } from './server-api';

/** One step of `templates/<t>/scenarios/*.json` (schema: packages/app-package/schema/scenario.schema.json). */
export type Step = Record<string, unknown> & { action: string };

export interface Scenario {
  key: string;
  startAt?: string;
  steps: Step[];
}

interface Task {
  id: string;
  elementId: string;
  assignee: string | null;
  candidateRoles: string[];
  status: string;
  escalated?: boolean;
}

interface Instance {
  id: string;
  status: string;
  variables: Record<string, unknown>;
  tasks: Task[];
  history: { elementId: string | null; kind: string }[];
}

interface JobView {
  id: string;
  kind: 'external' | 'builtin';
  elementId: string | null;
  jobType: string;
  state: 'open' | 'locked' | 'completed' | 'incident' | 'cancelled';
  errorMessage: string | null;
}

interface OutboxMessage {
  id: string;
  recipient: string | null;
  template: string | null;
  instanceId: string | null;
}

/** What a run provides besides the server: the stand-in for core banking the `http` service tasks call. */
export interface ScenarioContext {
  coreBanking: CoreBankingStub;
}

interface RecordView {
  id: string;
  version: number;
  data: Record<string, unknown>;
  tags: string[];
}

/** The first mismatch of a scenario, named by its step. */
export class ScenarioMismatch extends Error {}

const observer = 'admin';
/** The account of systems outside Tessera: messages from other systems, external job workers, the outbox. */
const integration = 'integration';
const auditor = 'supervisor';
const defaultStart = '2026-11-23T09:00:00+08:00';
/**
 * Steps before which the jobs due now run: every check, and every step that reacts to what the
 * process did meanwhile (a customer answers the survey the process sent, a child instance exists,
 * an external worker finds its job), as some time always passes between two steps of a story.
 */
const afterDueJobs = new Set([
  'expectTasks',
  'expectInstance',
  'expectJobs',
  'expectRecords',
  'expectTags',
  'expectNotifications',
  'expectAudit',
  'deliverMessage',
  'findInstance',
  'completeJob',
]);

/** The demo users whose notifications a scenario may count. */
export const demoUsers = [
  'account_manager',
  'account_manager_west',
  'credit_officer',
  'risk_officer',
  'branch_manager',
  'complaint_handler',
  'supervisor',
  'admin',
  'integration',
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function subset(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object')
    return actual === expected || (typeof actual === 'number' && String(actual) === expected);
  if (Array.isArray(expected))
    return (
      Array.isArray(actual) &&
      expected.length === actual.length &&
      expected.every((item, index) => subset(actual[index], item))
    );
  if (actual === null || typeof actual !== 'object') return false;
  return Object.entries(expected).every(([key, value]) => subset((actual as Record<string, unknown>)[key], value));
}

/**
 * Plays one scenario against a running server, each step over the HTTP API as the named demo
 * user. Throws a ScenarioMismatch naming the first step whose outcome differs from the story.
 */
export async function playScenario(api: ServerApi, scenario: Scenario, context: ScenarioContext): Promise<void> {
  const admin = await api.as(observer);
  await admin.call('PUT', '/clock', { now: scenario.startAt ?? defaultStart });
  // Notifications left by earlier scenarios (or by their timers firing now) are not this story's.
  const earlier = new Map<string, Set<string>>();
  for (const username of demoUsers) {
    const { items } = await (await api.as(username)).call<{ items: { id: string }[] }>('GET', '/notifications');
    earlier.set(username, new Set(items.map((item) => item.id)));
  }
  const instances = new Map<string, string>();
  const ownInstances = new Set<string>();
  const records = new Map<string, { form: string; id: string }>();
  let index = 0;
  const fail = (message: string): never => {
    throw new ScenarioMismatch(`steps[${index}] ${scenario.steps[index]?.action}: ${message}`);
  };
  const instanceIds = async (): Promise<Set<string>> => {
    // The story's instances and the children their call activities started.
    const all = new Set(ownInstances);
    for (const id of ownInstances)
      for (const child of (await admin.call<{ children?: { id: string }[] }>('GET', `/instances/${id}`)).children ?? [])
        all.add(child.id);
    return all;
  };
  /** The service-task jobs of an instance at an element that are still to be done. */
  const pendingJobs = async (reference: unknown, element: string): Promise<JobView[]> => {
    const { items } = await (
      await api.as(integration)
    ).call<{ items: JobView[] }>('GET', `/jobs?instanceId=${saved(instances, reference)}`);
    return items.filter((job) => job.elementId === element && (job.state === 'open' || job.state === 'locked'));
  };
  const saved = <T>(map: Map<string, T>, reference: unknown): T =>
    map.get(String(reference).replace(/^\$/, '')) ?? fail(`${String(reference)} was never saved`);
  const instance = async (reference: unknown): Promise<Instance> =>
    (await api.as(observer)).call<Instance>('GET', `/instances/${saved(instances, reference)}`);
  const openTasks = async (reference: unknown, element: string): Promise<Task[]> =>
    (await instance(reference)).tasks.filter((task) => task.status === 'open' && task.elementId === element);

  /** Runs an acting step; `expectError` turns the expected refusal into success and anything else into a mismatch. */
  const act = async (step: Step, session: Session, method: string, path: string, body?: unknown): Promise<unknown> => {
    const expected = step.expectError as { status: number } | undefined;
    const response = await session.send(method, path, body);
    const ok = response.status >= 200 && response.status < 300;
    if (expected) {
      if (response.status !== expected.status)
        fail(
          `expected a ${expected.status} refusal for ${session.username}, got ${response.status}${ok ? '' : ` (${describeBody(response.body)})`}`,
        );
      return undefined;
    }
    if (!ok) fail(new ApiError(`${session.username}: ${method} ${path}`, response).message);
    return response.body;
  };

  /** The open task at an element that the acting user may work on (or the first one, to be refused). */
  const taskFor = async (step: Step): Promise<Task> => {
    const selector = step.task as { instance: string; element: string };
    const open = await openTasks(selector.instance, selector.element);
    if (open.length === 0) fail(`no open task at ${selector.element}`);
    if (open.length === 1) return open[0]!;
    const session = await api.as(String(step.as));
    const mine =
      open.find((task) => task.assignee === session.username) ??
      open.find((task) => !task.assignee && task.candidateRoles.some((role) => session.roles.includes(role)));
    return mine ?? open[0]!;
  };

  /** Runs due jobs until the job is done (its HTTP call answered and applied), for at most 30 s. */
  const waitForJob = async (jobId: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      await admin.call('POST', '/clock/advance', { by: 'PT0S' });
      const { items } = await (await api.as(integration)).call<{ items: JobView[] }>('GET', `/jobs?state=completed`);
      if (items.some((candidate) => candidate.id === jobId)) return;
      const { items: incidents } = await (
        await api.as(integration)
      ).call<{ items: JobView[] }>('GET', `/jobs?state=incident`);
      const incident = incidents.find((candidate) => candidate.id === jobId);
      if (incident) fail(`the job became an incident: ${incident.errorMessage ?? ''}`);
      if (Date.now() > deadline) fail(`the job ${jobId} was not done within 30 s`);
      await sleep(50);
    }
  };

  for (; index < scenario.steps.length; index++) {
    const step = scenario.steps[index]!;
    try {
      // Jobs the last step scheduled for now (notifications, service calls) run first.
      if (afterDueJobs.has(step.action)) await admin.call('POST', '/clock/advance', { by: 'PT0S' });
      switch (step.action) {
        case 'startProcess': {
          const session = await api.as(String(step.as));
          const started = (await act(
            step,
            session,
            'POST',
            `/processes/${encodeURIComponent(String(step.process))}/instances`,
            {
              variables: step.variables ?? {},
              businessKey: step.businessKey,
            },
          )) as { id: string } | undefined;
          if (started) ownInstances.add(started.id);
          if (started && typeof step.save === 'string') instances.set(step.save, started.id);
          break;
        }
        case 'claimTask':
        case 'completeTask':
        case 'remindTask':
        case 'returnTask': {
          const session = await api.as(String(step.as));
          const task = await taskFor(step);
          const operation = {
            claimTask: 'claim',
            completeTask: 'complete',
            remindTask: 'remind',
            returnTask: 'return',
          }[step.action];
          const body =
            step.action === 'completeTask'
              ? { data: step.data ?? {} }
              : step.action === 'returnTask'
                ? { toElementId: step.to }
                : undefined;
          await act(step, session, 'POST', `/tasks/${task.id}/${operation}`, body);
          break;
        }
        case 'createRecord': {
          const session = await api.as(String(step.as));
          const created = (await act(step, session, 'POST', `/forms/${encodeURIComponent(String(step.form))}/records`, {
            data: step.data,
          })) as RecordView | undefined;
          if (created && typeof step.save === 'string')
            records.set(step.save, { form: String(step.form), id: created.id });
          break;
        }
        case 'updateRecord': {
          const session = await api.as(String(step.as));
          const record = saved(records, step.record);
          const current = await (
            await api.as(observer)
          ).call<RecordView>('GET', `/forms/${record.form}/records/${record.id}`);
          await act(step, session, 'PATCH', `/forms/${record.form}/records/${record.id}`, {
            version: current.version,
            data: step.data,
          });
          break;
        }
        case 'expectRecords': {
          const query = new URLSearchParams({ pageSize: '100' });
          if (step.filter !== undefined) query.set('filter', JSON.stringify(step.filter));
          const page = await (
            await api.as(observer)
          ).call<{ items: RecordView[]; total: number }>(
            'GET',
            `/forms/${encodeURIComponent(String(step.form))}/records?${query}`,
          );
          if (step.count !== undefined && page.total !== step.count)
            fail(`${page.total} ${String(step.form)} records match, expected ${String(step.count)}`);
          for (const record of page.items)
            if (step.data && !subset(record.data, step.data))
              fail(`record ${JSON.stringify(record.data)} does not contain ${JSON.stringify(step.data)}`);
          break;
        }
        case 'expectTags': {
          const record = saved(records, step.record);
          const view = await (
            await api.as(observer)
          ).call<RecordView>('GET', `/forms/${record.form}/records/${record.id}`);
          const tags = [...(view.tags ?? []), ...(Array.isArray(view.data.tags) ? (view.data.tags as string[]) : [])];
          for (const tag of step.tags as string[])
            if (!tags.includes(tag)) fail(`tag ${tag} missing from [${tags.join(', ')}]`);
          for (const tag of (step.absent as string[] | undefined) ?? [])
            if (tags.includes(tag)) fail(`tag ${tag} should be absent from [${tags.join(', ')}]`);
          break;
        }
        case 'expectTasks': {
          const expected = step.tasks as {
            element: string;
            assignee?: string;
            candidateRoles?: string[];
            escalated?: boolean;
            count?: number;
          }[];
          const open = (await instance(step.instance)).tasks.filter((task) => task.status === 'open');
          const wanted = expected.reduce((sum, task) => sum + (task.count ?? 1), 0);
          if (open.length !== wanted)
            fail(`expected ${wanted} open tasks, found ${open.map((task) => task.elementId).join(', ') || 'none'}`);
          for (const task of expected) {
            const matching = open.filter((candidate) => candidate.elementId === task.element);
            if (matching.length !== (task.count ?? 1))
              fail(`expected ${task.count ?? 1} open ${task.element} tasks, found ${matching.length}`);
            for (const found of matching) {
              if (task.assignee !== undefined && found.assignee !== task.assignee)
                fail(`${task.element} is assigned to ${String(found.assignee)}, not ${task.assignee}`);
              if (
                task.candidateRoles &&
                [...found.candidateRoles].sort().join() !== [...task.candidateRoles].sort().join()
              )
                fail(
                  `${task.element} has candidate roles ${found.candidateRoles.join(', ')}, not ${task.candidateRoles.join(', ')}`,
                );
              if (task.escalated !== undefined && found.escalated !== task.escalated)
                fail(`${task.element} escalated is ${String(found.escalated)}, not ${String(task.escalated)}`);
            }
          }
          break;
        }
        case 'expectInstance': {
          const found = await instance(step.instance);
          if (step.status && found.status !== step.status)
            fail(`instance is ${found.status}, not ${String(step.status)}`);
          if (step.endEvent && !found.history.some((event) => event.elementId === step.endEvent))
            fail(`instance never reached the end event ${String(step.endEvent)}`);
          if (step.variables && !subset(found.variables, step.variables))
            fail(`variables ${JSON.stringify(found.variables)} do not contain ${JSON.stringify(step.variables)}`);
          break;
        }
        case 'expectNotifications': {
          const recipient = String(step.to);
          if (!demoUsers.includes(recipient)) {
            // Not a user: a customer, whose messages (SMS, e-mail) are in the outbox.
            const own = await instanceIds();
            const { items } = await (
              await api.as(integration)
            ).call<{ items: OutboxMessage[] }>('GET', `/outbox?recipient=${encodeURIComponent(recipient)}`);
            const sent = items.filter((message) => message.instanceId !== null && own.has(message.instanceId));
            const matching =
              step.template === undefined ? sent : sent.filter((message) => message.template === step.template);
            if (step.count !== undefined ? matching.length !== step.count : matching.length === 0) {
              fail(
                `${matching.length} outbox messages to ${recipient}${step.template ? ` from ${String(step.template)}` : ''}, expected ${String(step.count ?? 'at least 1')} (sent: ${sent.map((message) => message.template).join(' | ') || 'none'})`,
              );
            }
            break;
          }
          const session = await api.as(recipient);
          const before = earlier.get(recipient) ?? new Set<string>();
          // Earlier stories started at the same moment: their timers fire now too, but their notices are theirs.
          const ownTasks = new Set<string>();
          for (const id of ownInstances)
            for (const task of (await admin.call<Instance>('GET', `/instances/${id}`)).tasks) ownTasks.add(task.id);
          const inbox = (await session.call<{ items: InboxNotification[] }>('GET', '/notifications')).items.filter(
            (item) => !before.has(item.id) && belongsTo(item, ownInstances, ownTasks),
          );
          const matching =
            step.template === undefined ? inbox : inbox.filter((item) => cameFromTemplate(item, String(step.template)));
          if (step.count !== undefined ? matching.length !== step.count : matching.length === 0) {
            const titles =
              inbox.map((item) => (typeof item.title === 'string' ? item.title : item.title.en)).join(' | ') || 'none';
            fail(
              `${matching.length} notifications to ${recipient}${step.template ? ` from ${String(step.template)}` : ''}, expected ${String(step.count ?? 'at least 1')} (received: ${titles})`,
            );
          }
          break;
        }
        case 'expectAudit': {
          const session = await api.as(auditor);
          // The server writes record entries as `record:<form>`; a scenario's `record` names them all.
          const wanted = String(step.entityType);
          const entries: { seq: number; action: string; actor: string; entityType: string }[] = [];
          for (let afterSeq = 0; ;) {
            const { items } = await session.call<{ items: typeof entries }>(
              'GET',
              `/audit?afterSeq=${afterSeq}&limit=1000`,
            );
            entries.push(
              ...items.filter((entry) => entry.entityType === wanted || entry.entityType.startsWith(`${wanted}:`)),
            );
            if (items.length < 1000) break;
            afterSeq = items[items.length - 1]!.seq;
          }
          const by = step.by ? (await api.as(String(step.by))).userId : undefined;
          const matching = entries.filter((entry) => entry.action === step.auditAction && (!by || entry.actor === by));
          if (matching.length === 0) {
            const actions = [...new Set(entries.map((entry) => entry.action))].join(', ') || 'none';
            fail(
              `no ${wanted} audit entry ${String(step.auditAction)}${step.by ? ` by ${String(step.by)}` : ''} (actions written for ${wanted}: ${actions})`,
            );
          }
          break;
        }
        case 'advanceClock':
          await admin.call('POST', '/clock/advance', { by: step.by });
          break;
        case 'deliverMessage': {
          const session = await api.as(String(step.as ?? integration));
          await act(step, session, 'POST', '/messages', {
            name: step.name,
            correlation: step.correlationKey,
            variables: step.payload ?? {},
          });
          break;
        }
        case 'findInstance': {
          const query = new URLSearchParams({ processKey: String(step.process) });
          if (step.parent !== undefined) query.set('parentId', saved(instances, step.parent));
          if (step.businessKey !== undefined) query.set('businessKey', String(step.businessKey));
          const { items } = await (
            await api.as(String(step.as ?? observer))
          ).call<{ items: { id: string }[] }>('GET', `/instances?${query}`);
          if (items.length !== 1)
            fail(`${items.length} ${String(step.process)} instances match ${query.toString()}, expected exactly 1`);
          instances.set(String(step.save), items[0]!.id);
          ownInstances.add(items[0]!.id);
          break;
        }
        case 'expectJobs': {
          const jobs = await pendingJobs(step.instance, String(step.element));
          if (jobs.length === 0) fail(`no open job at ${String(step.element)}`);
          for (const job of jobs)
            if (step.jobType !== undefined && job.jobType !== step.jobType)
              fail(`the job at ${String(step.element)} has type ${job.jobType}, not ${String(step.jobType)}`);
          break;
        }
        case 'completeJob': {
          const element = String(step.element);
          const [job] = await pendingJobs(step.instance, element);
          if (!job) fail(`no open job at ${element}`);
          const error = step.error as { code: string; message?: string } | undefined;
          const result = (step.result as Record<string, unknown> | undefined) ?? {};
          if (job!.kind === 'builtin') {
            if (job!.jobType !== 'http')
              fail(
                `the job at ${element} is run by the server's ${job!.jobType} connector; a scenario answers only http calls and external jobs`,
              );
            // The server's HTTP connector calls the stand-in for core banking, which answers as the story says.
            if (error) context.coreBanking.refuse(error.code, error.message);
            else context.coreBanking.accept(result.response ?? result);
            await waitForJob(job!.id);
            break;
          }
          const session = await api.as(String(step.as ?? integration));
          if (error)
            await act(step, session, 'POST', `/jobs/${job!.id}/bpmn-error`, {
              errorCode: error.code,
              message: error.message,
            });
          else await act(step, session, 'POST', `/jobs/${job!.id}/complete`, { variables: result });
          break;
        }
        default:
          fail(`unknown action ${step.action}`);
      }
    } catch (error) {
      if (error instanceof ScenarioMismatch) throw error;
      fail(error instanceof Error ? error.message : String(error));
    }
  }
}
