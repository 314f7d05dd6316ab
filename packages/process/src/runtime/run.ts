import { RuleError, truthy } from '@tessera/rules';
import type { ElementDefinition, FlowDefinition, ProcessDefinition } from '../definition/types';
import { arriveAtInclusiveJoin, inclusiveJoinReady, fireInclusiveJoin } from '../gateways/inclusive';
import { arriveAtParallelJoin } from '../gateways/parallel';
import { selectExclusiveFlow } from '../gateways/exclusive';
import { selectInclusiveFlows } from '../gateways/inclusive-fork';
import { armEventGateway } from '../gateways/event-based';
import { armBoundaryEvents } from '../events/boundary';
import { armEventSubProcesses } from '../events/event-subprocess';
import { throwBpmnError, throwEscalation } from '../events/error-propagation';
import { broadcastSignal } from '../events/signals';
import { subscribe, disarm } from '../events/subscriptions';
import { scheduleTimer } from '../events/timers';
import { createUserTask, cancelTaskRecords } from '../activities/user-task';
import { requestJob } from '../activities/service-task';
import { runScriptTask, runBusinessRuleTask } from '../activities/rule-tasks';
import { requestCallActivity } from '../activities/call-activity';
import { startMultiInstance, innerInstanceCompleted } from '../activities/multi-instance';
import type { Effect, HistoryEvent, TaskCancelReason } from './effects';
import { ProcessError } from './process-error';
import { rootScopeId, type ExecutionState, type ProcessState, type ScopeState } from './state';
import { setVariable, visibleVariables } from './variables';

/**
 * One command being applied: the mutable copy of the state, the effects emitted so far, and the
 * token machinery every element behaviour uses. Nothing here reads a clock or does I/O.
 */
export class Run {
  readonly effects: Effect[] = [];
  private readonly queue: string[] = [];

  constructor(
    readonly definition: ProcessDefinition,
    readonly state: ProcessState,
    readonly now: string,
  ) {}

  get nowDate(): Date {
    return new Date(this.now);
  }

  newId(kind: string): string {
    const id = `${this.state.instanceId}:${kind}${this.state.nextId}`;
    this.state.nextId += 1;
    return id;
  }

  emit(effect: Effect): void {
    this.effects.push(effect);
  }

  history(kind: string, fields: Omit<HistoryEvent, 'kind' | 'at'> = {}): void {
    this.effects.push({ type: 'history', at: this.now, event: { kind, at: this.now, ...fields } });
  }

  element(id: string): ElementDefinition {
    const element = this.definition.elements[id];
    if (!element) throw new ProcessError('element.unknown', { 'zh-CN': `未知元素 ${id}`, en: `unknown element ${id}` }, { elementId: id });
    return element;
  }

  flow(id: string): FlowDefinition {
    return this.definition.flows[id]!;
  }

  variablesFor(execution: ExecutionState, overlay?: Record<string, unknown>): Record<string, unknown> {
    return visibleVariables(this.state, execution.scopeId, execution.local, overlay);
  }

  // ---- executions -------------------------------------------------------------------------

  createExecution(elementId: string, scopeId: string, via?: string, inner = false): ExecutionState {
    const execution: ExecutionState = {
      id: this.newId('ex'),
      elementId,
      scopeId,
      armed: [],
      startedAt: this.now,
      ...(via ? { via } : {}),
      ...(inner ? { inner: true } : {}),
    };
    this.state.executions[execution.id] = execution;
    this.queue.push(execution.id);
    return execution;
  }

  /** Runs queued executions until every token waits; then lets inclusive joins that can no longer receive tokens fire. */
  drain(): void {
    for (;;) {
      while (this.queue.length > 0) {
        const execution = this.state.executions[this.queue.shift()!];
        if (execution && this.state.status === 'active') this.enter(execution);
      }
      if (this.state.status !== 'active') return;
      const ready = Object.values(this.state.joins).find(
        (join) => this.definition.elements[join.elementId]?.kind === 'inclusiveGateway' && inclusiveJoinReady(this, join),
      );
      if (!ready) return;
      fireInclusiveJoin(this, ready);
    }
  }

  /**
   * Data the model could not foresee (a timer expression giving no date, a due date that is not
   * ISO 8601) stops this token with an incident the operator can fix and retry; the rest of the
   * command goes through.
   */
  private enter(execution: ExecutionState): void {
    try {
      this.enterElement(execution);
    } catch (error) {
      const known = error instanceof ProcessError || error instanceof RuleError;
      if (!known || !this.state.executions[execution.id]) throw error;
      this.raiseIncident(execution, 'error', error.messages.en);
    }
  }

  private enterElement(execution: ExecutionState): void {
    const element = this.element(execution.elementId);
    if (element.kind === 'parallelGateway' && element.incoming.length > 1) return arriveAtParallelJoin(this, execution, element);
    if (element.kind === 'inclusiveGateway' && element.incoming.length > 1) {
      return arriveAtInclusiveJoin(this, execution, element);
    }
    this.history('activity.started', { elementId: element.id, elementType: element.kind, executionId: execution.id });
    if (element.multiInstance && !execution.inner) {
      armBoundaryEvents(this, execution, element);
      return startMultiInstance(this, execution, element);
    }
    if (element.inputs.length > 0) {
      const variables = this.variablesFor(execution);
      execution.local = {};
      for (const input of element.inputs) execution.local[input.name] = input.value(variables, this.now) ?? null;
    }
    if (!execution.inner) armBoundaryEvents(this, execution, element);
    this.behave(execution, element);
  }

  private behave(execution: ExecutionState, element: ElementDefinition): void {
    switch (element.kind) {
      case 'startEvent':
      case 'boundaryEvent':
      case 'manualTask':
      case 'task':
        return this.completeActivity(execution);
      case 'endEvent':
        return this.reachEnd(execution, element);
      case 'intermediateThrowEvent':
        return this.throwIntermediate(execution, element);
      case 'intermediateCatchEvent':
        return this.waitForEvent(execution, element);
      case 'receiveTask':
        return this.waitForEvent(execution, element);
      case 'userTask':
        return createUserTask(this, execution, element);
      case 'serviceTask':
      case 'sendTask':
        return requestJob(this, execution, element, 0);
      case 'scriptTask':
        runScriptTask(this, execution, element);
        return this.completeActivity(execution);
      case 'businessRuleTask':
        runBusinessRuleTask(this, execution, element);
        return this.completeActivity(execution);
      case 'callActivity':
        return requestCallActivity(this, execution, element);
      case 'subProcess':
        return this.startSubProcess(execution, element);
      case 'exclusiveGateway':
      case 'inclusiveGateway':
      case 'parallelGateway':
        return this.leave(execution);
      case 'eventBasedGateway':
        return armEventGateway(this, execution, element);
    }
  }

  private waitForEvent(execution: ExecutionState, element: ElementDefinition): void {
    const event = element.event;
    if (!event) return this.completeActivity(execution);
    switch (event.kind) {
      case 'timer':
        execution.wait = 'timer';
        execution.armed.push(
          scheduleTimer(this, event.timer, this.variablesFor(execution), {
            elementId: element.id,
            purpose: 'timerEvent',
            executionId: execution.id,
          }),
        );
        return;
      case 'message':
      case 'signal':
        execution.wait = event.kind;
        execution.armed.push(subscribe(this, event, this.variablesFor(execution), { elementId: element.id, purpose: 'catch', executionId: execution.id }));
        return;
      default:
        return this.completeActivity(execution);
    }
  }

  private throwIntermediate(execution: ExecutionState, element: ElementDefinition): void {
    const event = element.event ?? { kind: 'none' as const };
    switch (event.kind) {
      case 'message':
        this.sendMessage(execution, element, event.name);
        return this.completeActivity(execution);
      case 'signal':
        this.completeActivity(execution);
        broadcastSignal(this, event.name, {}, element.id);
        return;
      case 'escalation':
        throwEscalation(this, event.code, execution.scopeId, undefined, element.id);
        if (this.state.executions[execution.id]) this.completeActivity(execution);
        return;
      case 'link': {
        const container = this.containerOf(element);
        const target = container.linkTargets[event.name];
        if (!target) {
          throw new ProcessError(
            'link.unknown',
            { 'zh-CN': `没有名为 ${event.name} 的链接捕获事件`, en: `no link catch event named ${event.name}` },
            { elementId: element.id },
          );
        }
        this.history('activity.completed', { elementId: element.id, elementType: element.kind, executionId: execution.id });
        execution.elementId = target;
        delete execution.via;
        this.queue.push(execution.id);
        return;
      }
      default:
        return this.completeActivity(execution);
    }
  }

  sendMessage(execution: ExecutionState, element: ElementDefinition, name: string): void {
    const variables = this.variablesFor(execution);
    const payload = execution.local ? { ...execution.local } : {};
    const correlationKey = element.event?.kind === 'message' ? element.event.correlationKey?.(variables, this.now) : undefined;
    this.emit({
      type: 'message.sent',
      at: this.now,
      name,
      elementId: element.id,
      ...(correlationKey !== undefined && correlationKey !== null ? { correlationKey: String(correlationKey) } : {}),
      payload,
    });
  }

  private reachEnd(execution: ExecutionState, element: ElementDefinition): void {
    const event = element.event ?? { kind: 'none' as const };
    this.history('activity.completed', { elementId: element.id, elementType: element.kind, executionId: execution.id });
    switch (event.kind) {
      case 'terminate':
        return this.terminateScope(execution.scopeId, element.id);
      case 'error': {
        const caught = throwBpmnError(this, event.code, execution.scopeId, undefined, element.id);
        if (!caught) this.raiseIncident(execution, 'error', `error ${event.code ?? '(no code)'} was not caught`, { errorCode: event.code });
        else if (this.state.executions[execution.id]) this.endExecution(execution);
        return;
      }
      case 'escalation':
        throwEscalation(this, event.code, execution.scopeId, undefined, element.id);
        if (this.state.executions[execution.id]) this.endExecution(execution, element.id);
        return;
      case 'message':
        this.sendMessage(execution, element, event.name);
        return this.endExecution(execution, element.id);
      case 'signal':
        this.endExecution(execution, element.id);
        broadcastSignal(this, event.name, {}, element.id);
        return;
      default:
        return this.endExecution(execution, element.id);
    }
  }

  raiseIncident(
    execution: ExecutionState,
    kind: 'job' | 'gateway' | 'error',
    message: string,
    extra: { jobId?: string; errorCode?: string; retry?: number } = {},
  ): void {
    const incident = {
      id: this.newId('incident'),
      elementId: execution.elementId,
      executionId: execution.id,
      kind,
      message,
      createdAt: this.now,
      ...(extra.jobId ? { jobId: extra.jobId } : {}),
      ...(extra.errorCode ? { errorCode: extra.errorCode } : {}),
      ...(extra.retry !== undefined ? { retry: extra.retry } : {}),
    };
    this.state.incidents[incident.id] = incident;
    execution.wait = 'incident';
    this.emit({ type: 'incident.created', at: this.now, incident: { ...incident } });
    this.history('incident.created', { elementId: execution.elementId, executionId: execution.id, detail: { incidentId: incident.id, message } });
  }

  // ---- leaving and ending -----------------------------------------------------------------

  /** The activity finished its work: map outputs, drop its boundary events and take the outgoing flows. */
  completeActivity(execution: ExecutionState, result?: Record<string, unknown>, by?: string): void {
    const element = this.element(execution.elementId);
    if (element.outputs.length > 0) {
      const variables = this.variablesFor(execution, result);
      for (const output of element.outputs) setVariable(this, execution.scopeId, output.name, output.value(variables, this.now), by);
    } else if (result) {
      for (const [name, value] of Object.entries(result)) setVariable(this, execution.scopeId, name, value, by);
    }
    disarm(this, execution.armed);
    execution.armed = [];
    delete execution.local;
    delete execution.wait;
    if (element.kind !== 'endEvent') {
      this.history('activity.completed', { elementId: element.id, elementType: element.kind, executionId: execution.id });
    }
    if (execution.inner) return this.endExecution(execution);
    this.leave(execution);
  }

  /** Takes the element's outgoing flows: gateways choose, other elements take every flow whose condition holds. */
  leave(execution: ExecutionState): void {
    const element = this.element(execution.elementId);
    let flows: string[] | undefined;
    switch (element.kind) {
      case 'exclusiveGateway':
        flows = selectExclusiveFlow(this, execution, element);
        break;
      case 'inclusiveGateway':
        flows = selectInclusiveFlows(this, execution, element);
        break;
      case 'parallelGateway':
        flows = element.outgoing;
        break;
      default:
        flows = this.conditionalOutgoing(execution, element);
    }
    if (flows === undefined) {
      this.raiseIncident(
        execution,
        'gateway',
        `no outgoing sequence flow of ${element.id} can be taken`,
      );
      return;
    }
    if (element.kind.endsWith('Gateway')) {
      this.history('activity.completed', { elementId: element.id, elementType: element.kind, executionId: execution.id });
    }
    this.takeFlows(execution, flows);
  }

  private conditionalOutgoing(execution: ExecutionState, element: ElementDefinition): string[] | undefined {
    if (element.outgoing.length === 0) return [];
    if (element.outgoing.every((flowId) => !this.flow(flowId).condition)) return element.outgoing;
    const variables = this.variablesFor(execution);
    const taken = element.outgoing.filter((flowId) => {
      if (flowId === element.defaultFlow) return false;
      const condition = this.flow(flowId).condition;
      return !condition || truthy(condition(variables, this.now));
    });
    if (taken.length === 0 && element.defaultFlow) return [element.defaultFlow];
    return taken.length > 0 ? taken : undefined;
  }

  takeFlows(execution: ExecutionState, flowIds: string[]): void {
    if (flowIds.length === 0) return this.endExecution(execution);
    flowIds.forEach((flowId, index) => {
      const target = this.flow(flowId).target;
      if (index === 0) {
        execution.elementId = target;
        execution.via = flowId;
        execution.armed = [];
        execution.startedAt = this.now;
        delete execution.wait;
        delete execution.local;
        delete execution.signerQueue;
        this.queue.push(execution.id);
      } else {
        this.createExecution(target, execution.scopeId, flowId);
      }
    });
  }

  /** A token ends (end event or no outgoing flow); the scope completes when it was the last one. */
  endExecution(execution: ExecutionState, endEventId?: string): void {
    delete this.state.executions[execution.id];
    this.checkScopeCompletion(execution.scopeId, endEventId);
  }

  checkScopeCompletion(scopeId: string, endEventId?: string): void {
    for (const id in this.state.executions) {
      if (this.state.executions[id]!.scopeId === scopeId) return;
    }
    for (const key in this.state.joins) {
      const join = this.state.joins[key]!;
      if (join.scopeId === scopeId && this.definition.elements[join.elementId]?.kind === 'inclusiveGateway') return;
    }
    const scope = this.state.scopes[scopeId];
    if (scope) this.completeScope(scope, endEventId);
  }

  private completeScope(scope: ScopeState, endEventId?: string, outcome: 'completed' | 'terminated' = 'completed'): void {
    disarm(this, scope.armed);
    scope.armed = [];
    this.dropJoins(scope.id);
    if (scope.id === rootScopeId) return this.endInstance(outcome, endEventId);
    delete this.state.scopes[scope.id];
    const parent = scope.parentScopeId ? this.state.scopes[scope.parentScopeId] : undefined;
    if (scope.kind === 'instance') return innerInstanceCompleted(this, parent!, scope);
    const owner = scope.ownerExecutionId ? this.state.executions[scope.ownerExecutionId] : undefined;
    if (!owner) return;
    delete owner.childScopeId;
    if (scope.kind === 'eventSubProcess') {
      this.history('activity.completed', { elementId: owner.elementId, elementType: 'subProcess', executionId: owner.id });
      return this.endExecution(owner);
    }
    this.completeActivity(owner);
  }

  endInstance(outcome: 'completed' | 'terminated' | 'withdrawn' | 'cancelled', endEventId?: string): void {
    this.cancelEverything(outcome === 'completed' || outcome === 'terminated' ? 'terminated' : (outcome as TaskCancelReason));
    this.state.status = outcome;
    this.state.endedAt = this.now;
    this.emit({
      type: 'instance.ended',
      at: this.now,
      outcome,
      ...(endEventId ? { endEventId } : {}),
      variables: { ...this.state.variables },
    });
    this.history('instance.ended', { ...(endEventId ? { elementId: endEventId } : {}), detail: { outcome } });
  }

  private cancelEverything(reason: TaskCancelReason): void {
    for (const execution of Object.values(this.state.executions)) {
      if (this.state.executions[execution.id]) this.cancelExecution(execution, reason);
    }
    for (const scope of Object.values(this.state.scopes)) {
      disarm(this, scope.armed);
      scope.armed = [];
      if (scope.id !== rootScopeId) delete this.state.scopes[scope.id];
    }
    this.state.joins = {};
  }

  private dropJoins(scopeId: string): void {
    for (const key of Object.keys(this.state.joins)) {
      if (this.state.joins[key]!.scopeId === scopeId) delete this.state.joins[key];
    }
  }

  /** Terminate end event: everything in the scope stops and the scope completes. */
  terminateScope(scopeId: string, endEventId: string): void {
    for (const execution of Object.values(this.state.executions)) {
      if (execution.scopeId === scopeId && this.state.executions[execution.id]) this.cancelExecution(execution, 'terminated');
    }
    const scope = this.state.scopes[scopeId]!;
    this.completeScope(scope, endEventId, scopeId === rootScopeId ? 'terminated' : 'completed');
  }

  // ---- cancelling -------------------------------------------------------------------------

  cancelExecution(execution: ExecutionState, reason: TaskCancelReason): void {
    if (execution.childScopeId) this.cancelScope(execution.childScopeId, reason);
    if (execution.taskId) cancelTaskRecords(this, execution.taskId, reason);
    if (execution.jobId && this.state.jobs[execution.jobId]) {
      delete this.state.jobs[execution.jobId];
      this.emit({ type: 'job.cancelled', at: this.now, jobId: execution.jobId });
    }
    if (execution.callId) this.emit({ type: 'callActivity.cancelled', at: this.now, callId: execution.callId });
    disarm(this, execution.armed);
    for (const incident of Object.values(this.state.incidents)) {
      if (incident.executionId === execution.id) {
        delete this.state.incidents[incident.id];
        this.emit({ type: 'incident.resolved', at: this.now, incidentId: incident.id });
      }
    }
    delete this.state.executions[execution.id];
    this.history('activity.cancelled', {
      elementId: execution.elementId,
      elementType: this.definition.elements[execution.elementId]?.kind,
      executionId: execution.id,
      detail: { reason },
    });
  }

  cancelScope(scopeId: string, reason: TaskCancelReason): void {
    const scope = this.state.scopes[scopeId];
    if (!scope) return;
    for (const execution of Object.values(this.state.executions)) {
      if (execution.scopeId === scopeId && this.state.executions[execution.id]) this.cancelExecution(execution, reason);
    }
    for (const child of Object.values(this.state.scopes)) {
      if (child.parentScopeId === scopeId && !child.ownerExecutionId) this.cancelScope(child.id, reason);
    }
    disarm(this, scope.armed);
    this.dropJoins(scopeId);
    if (scopeId !== rootScopeId) delete this.state.scopes[scopeId];
  }

  // ---- scopes -----------------------------------------------------------------------------

  createScope(fields: Omit<ScopeState, 'id' | 'armed' | 'variables'> & { variables?: Record<string, unknown> }): ScopeState {
    const scope: ScopeState = { id: this.newId('scope'), armed: [], variables: {}, ...fields };
    this.state.scopes[scope.id] = scope;
    return scope;
  }

  private startSubProcess(execution: ExecutionState, element: ElementDefinition): void {
    const scope = this.createScope({
      kind: 'subProcess',
      elementId: element.id,
      parentScopeId: execution.scopeId,
      ownerExecutionId: execution.id,
      variables: execution.local ? { ...execution.local } : {},
    });
    execution.wait = 'scope';
    execution.childScopeId = scope.id;
    armEventSubProcesses(this, scope);
    this.createExecution(element.subProcess!.noneStart!, scope.id);
  }

  containerOf(element: ElementDefinition) {
    return element.container === this.definition.id
      ? this.definition.process
      : this.definition.elements[element.container]!.subProcess!;
  }

  /** The scope an element's container runs in, walking out of multi-instance bookkeeping scopes. */
  containerScopeOf(scopeId: string): ScopeState {
    let scope = this.state.scopes[scopeId]!;
    while (scope.kind === 'instance' || scope.kind === 'multiInstance') scope = this.state.scopes[scope.parentScopeId!]!;
    return scope;
  }

  enqueue(execution: ExecutionState): void {
    this.queue.push(execution.id);
  }

  /** Takes a just-created execution off the queue when the caller drives it itself. */
  dequeue(execution: ExecutionState): void {
    const index = this.queue.lastIndexOf(execution.id);
    if (index >= 0) this.queue.splice(index, 1);
  }

  throwErrorFromActivity(execution: ExecutionState, code: string | undefined): boolean {
    return throwBpmnError(this, code, execution.scopeId, execution, execution.elementId);
  }
}

