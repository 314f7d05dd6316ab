import type { CompiledDecisionTable, CompiledRuleSet, Problem } from '@tessera/rules';

/** A compiled expression: a rule, a literal, or a `${…}` translated to a rule. Pure function of the variables. */
export type Expression = (variables: Record<string, unknown>, now: string) => unknown;

export type ElementKind =
  | 'startEvent'
  | 'endEvent'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'userTask'
  | 'serviceTask'
  | 'scriptTask'
  | 'businessRuleTask'
  | 'sendTask'
  | 'receiveTask'
  | 'manualTask'
  | 'task'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'subProcess'
  | 'callActivity';

export type TimerSpec =
  | { type: 'duration'; value: Expression }
  | { type: 'date'; value: Expression }
  | { type: 'cycle'; value: Expression };

export type EventDefinition =
  | { kind: 'none' }
  | { kind: 'timer'; timer: TimerSpec }
  | { kind: 'message'; name: string; correlationKey?: Expression }
  | { kind: 'signal'; name: string }
  | { kind: 'error'; code?: string }
  | { kind: 'escalation'; code?: string }
  | { kind: 'terminate' }
  | { kind: 'link'; name: string };

export interface ParameterMapping {
  name: string;
  value: Expression;
}

export interface VariableMapping {
  source?: string;
  sourceExpression?: Expression;
  target?: string;
  all?: boolean;
}

export interface MultiInstanceDefinition {
  sequential: boolean;
  cardinality?: Expression;
  collection?: Expression;
  elementVariable?: string;
  completionCondition?: Expression;
}

export interface UserTaskDefinition {
  assignee?: Expression;
  candidateUsers?: Expression;
  candidateRoles?: Expression;
  /** Users who may never act on or be given the task (maker-checker 四眼原则): a user id or a list. */
  excludeUsers?: Expression;
  assignmentRule?: CompiledRuleSet;
  formKey?: string;
  dueDate?: Expression;
  sla?: string;
  remindEvery?: string;
  escalateTo?: string;
  priority?: Expression;
  returnable: boolean;
}

export interface ElementDefinition {
  id: string;
  name?: string;
  kind: ElementKind;
  /** The process or subprocess that directly contains the element. */
  container: string;
  incoming: string[];
  outgoing: string[];
  defaultFlow?: string;
  event?: EventDefinition;
  /** Boundary events: whether the attached activity is cancelled. Event-subprocess start events: whether the scope is. */
  interrupting: boolean;
  attachedTo?: string;
  boundaryEvents: string[];
  multiInstance?: MultiInstanceDefinition;
  inputs: ParameterMapping[];
  outputs: ParameterMapping[];
  userTask?: UserTaskDefinition;
  jobType?: string;
  script?: { rule?: Expression; ruleSet?: CompiledRuleSet; resultVariable?: string };
  decision?: { table: CompiledDecisionTable; resultVariable: string };
  call?: { calledElement: string; businessKey?: Expression; inputs: VariableMapping[]; outputs: VariableMapping[] };
  initiator?: string;
  formKey?: string;
  /** Subprocesses: their start and event-subprocess children. */
  subProcess?: ContainerDefinition;
  triggeredByEvent?: boolean;
}

export interface ContainerDefinition {
  id: string;
  /** The none start event a new instance of the container begins at. */
  noneStart?: string;
  /** Start events of the container itself (process level: every start event). */
  startEvents: string[];
  /** Event subprocesses directly inside the container. */
  eventSubProcesses: string[];
  /** Link catch events by link name. */
  linkTargets: Record<string, string>;
}

export interface FlowDefinition {
  id: string;
  source: string;
  target: string;
  condition?: Expression;
}

export interface StartEventInfo {
  elementId: string;
  kind: 'none' | 'timer' | 'message' | 'signal';
  messageName?: string;
  signalName?: string;
  /** Timer start events: the ISO 8601 text (date, duration or cycle). */
  timer?: { type: 'duration' | 'date' | 'cycle'; text: string };
}

export interface WorkingCalendar {
  utcOffsetMinutes?: number;
  weekend?: number[];
  holidays?: string[];
  workdays?: string[];
}

export interface ProcessDefinition {
  id: string;
  name?: string;
  /** Findings of the static check against `options.variables` (empty when none were given). */
  warnings: Problem[];
  process: ContainerDefinition;
  elements: Record<string, ElementDefinition>;
  flows: Record<string, FlowDefinition>;
  startEvents: StartEventInfo[];
  /** For each element, the elements a token there can still reach (sequence flows and boundary events). */
  reachable: Record<string, Set<string>>;
  calendar?: WorkingCalendar;
  /** Every process in the file, by id, for call activities that name a sibling process. */
  processIds: string[];
}
