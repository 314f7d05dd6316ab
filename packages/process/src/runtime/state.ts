/** The instance state: plain JSON, stored by the server as it is and handed back on the next command. */
export type InstanceStatus = 'active' | 'completed' | 'terminated' | 'withdrawn' | 'cancelled';

export interface TaskState {
  id: string;
  elementId: string;
  name?: string;
  executionId: string;
  assignee?: string;
  owner?: string;
  candidateUsers: string[];
  candidateRoles: string[];
  /** Users `tessera:excludeUsers` named when the task was created: they may not act on it nor be given it. */
  excludedUsers?: string[];
  formKey?: string;
  dueAt?: string;
  priority: number;
  createdAt: string;
  claimedAt?: string;
  delegationState?: 'pending' | 'resolved';
  escalated?: boolean;
  loopCounter?: number;
  /** Claimed, delegated or transferred since creation: a withdrawal is no longer allowed. */
  touched: boolean;
  /** Data submitted by a delegate, applied when the owner completes the task. */
  pendingData?: Record<string, unknown>;
  /** Order of creation, for withdrawals. */
  sequence: number;
}

export type TimerPurpose = 'timerEvent' | 'boundary' | 'eventSubprocess' | 'eventGateway' | 'reminder' | 'sla';

export interface TimerState {
  id: string;
  dueAt: string;
  elementId: string;
  purpose: TimerPurpose;
  executionId?: string;
  scopeId?: string;
  taskId?: string;
  cycle?: { remaining: number | null; interval: string };
}

export interface JobState {
  id: string;
  elementId: string;
  executionId: string;
  jobType: string;
  variables: Record<string, unknown>;
  retry: number;
}

export interface SubscriptionState {
  id: string;
  kind: 'message' | 'signal';
  name: string;
  correlationKey?: string;
  elementId: string;
  purpose: 'catch' | 'boundary' | 'eventSubprocess' | 'eventGateway';
  executionId?: string;
  scopeId?: string;
}

export interface IncidentState {
  id: string;
  elementId: string;
  executionId: string;
  kind: 'job' | 'gateway' | 'error';
  message: string;
  jobId?: string;
  errorCode?: string;
  /** Job incidents: how many retries the failed job had already had. */
  retry?: number;
  createdAt: string;
}

export interface ExecutionState {
  id: string;
  elementId: string;
  scopeId: string;
  /** The flow the token arrived by (joins count arrivals per flow). */
  via?: string;
  /** Inner instance of a multi-instance activity: the loop was already expanded. */
  inner?: boolean;
  wait?: 'task' | 'job' | 'timer' | 'message' | 'signal' | 'call' | 'scope' | 'multiInstance' | 'eventGateway' | 'incident';
  taskId?: string;
  jobId?: string;
  callId?: string;
  childScopeId?: string;
  /** Timers and subscriptions armed for this execution (its boundary events, its event-gateway targets). */
  armed: string[];
  /** Signers still to act after the current task (加签 after / before). */
  signerQueue?: SignerEntry[];
  /** A return or withdrawal gives the step back to this user. */
  assigneeOverride?: string;
  /** Local variables: input parameters of the activity. */
  local?: Record<string, unknown>;
  startedAt: string;
}

export interface SignerEntry {
  assignee?: string;
  candidateUsers?: string[];
  candidateRoles?: string[];
}

export interface MultiInstanceState {
  sequential: boolean;
  items: { value?: unknown; assignee?: string }[];
  nextIndex: number;
  /** Inner instance scopes still running. */
  running: string[];
}

export interface ScopeState {
  id: string;
  kind: 'process' | 'subProcess' | 'eventSubProcess' | 'multiInstance' | 'instance';
  elementId: string;
  parentScopeId?: string;
  /** The execution in the parent scope this scope belongs to. */
  ownerExecutionId?: string;
  variables: Record<string, unknown>;
  /** Timers and subscriptions of the scope's event subprocess start events. */
  armed: string[];
  multiInstance?: MultiInstanceState;
  /** Instance scopes: the item assigned by 加签, overriding the task's assignee. */
  assignee?: string;
}

export interface JoinState {
  scopeId: string;
  elementId: string;
  arrived: Record<string, number>;
}

export interface CompletedStep {
  elementId: string;
  scopeId: string;
  taskId: string;
  by?: string;
  at: string;
  sequence: number;
}

export interface ProcessState {
  version: 1;
  instanceId: string;
  processId: string;
  businessKey?: string;
  status: InstanceStatus;
  startedAt: string;
  startedBy?: string;
  endedAt?: string;
  variables: Record<string, unknown>;
  tasks: Record<string, TaskState>;
  timers: Record<string, TimerState>;
  jobs: Record<string, JobState>;
  subscriptions: Record<string, SubscriptionState>;
  incidents: Record<string, IncidentState>;
  executions: Record<string, ExecutionState>;
  scopes: Record<string, ScopeState>;
  joins: Record<string, JoinState>;
  completedSteps: CompletedStep[];
  nextId: number;
}

export const rootScopeId = 'root';
