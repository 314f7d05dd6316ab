import {
  addSigner,
  claimTask,
  completeJob,
  completeTask,
  deliverMessage,
  deliverSignal,
  fireTimer,
  start,
  type CommandResult,
  type Effect,
  type ProcessDefinition,
  type ProcessState,
  type StartOptions,
  type TaskState,
} from '../index';

/**
 * Drives one instance through the public commands, keeping the latest state and effects, so tests
 * read as the story they tell. With `roundTrip` the state goes through JSON between every step.
 */
export class Driver {
  state!: ProcessState;
  effects: Effect[] = [];
  readonly log: Effect[] = [];
  clock = Date.parse('2026-11-23T08:00:00Z');

  constructor(
    readonly definition: ProcessDefinition,
    readonly roundTrip = false,
  ) {}

  get now(): string {
    return new Date(this.clock).toISOString();
  }

  advance(milliseconds: number): this {
    this.clock += milliseconds;
    return this;
  }

  apply(result: CommandResult): this {
    this.state = this.roundTrip ? (JSON.parse(JSON.stringify(result.state)) as ProcessState) : result.state;
    this.effects = result.effects;
    this.log.push(...result.effects);
    return this;
  }

  start(options: Partial<StartOptions> = {}): this {
    return this.apply(start(this.definition, { now: this.now, instanceId: 'pi', ...options }));
  }

  tasks(): TaskState[] {
    return Object.values(this.state.tasks);
  }

  /** Open tasks as element ids (with assignee when there is one), sorted. */
  openTasks(): string[] {
    return this.tasks()
      .map((task) => (task.assignee ? `${task.elementId}:${task.assignee}` : task.elementId))
      .sort();
  }

  task(elementId: string, assignee?: string): TaskState {
    const task = this.tasks().find((candidate) => candidate.elementId === elementId && (!assignee || candidate.assignee === assignee));
    if (!task) throw new Error(`no open task at ${elementId}${assignee ? ` for ${assignee}` : ''}; open: ${this.openTasks().join(', ')}`);
    return task;
  }

  complete(elementId: string, data: Record<string, unknown> = {}, by?: string, assignee?: string): this {
    const task = this.task(elementId, assignee);
    return this.apply(completeTask(this.definition, this.state, task.id, { now: this.now, data, by: by ?? task.assignee }));
  }

  claim(elementId: string, by: string): this {
    return this.apply(claimTask(this.definition, this.state, this.task(elementId).id, { now: this.now, by }));
  }

  /** Pending timers as `elementId/purpose`, sorted. */
  pendingTimers(): string[] {
    return Object.values(this.state.timers)
      .map((timer) => `${timer.elementId}/${timer.purpose}`)
      .sort();
  }

  timer(elementId: string, purpose?: string) {
    const timer = Object.values(this.state.timers).find((candidate) => candidate.elementId === elementId && (!purpose || candidate.purpose === purpose));
    if (!timer) throw new Error(`no timer at ${elementId}; pending: ${this.pendingTimers().join(', ')}`);
    return timer;
  }

  fire(elementId: string, purpose?: string): this {
    const timer = this.timer(elementId, purpose);
    this.clock = Math.max(this.clock, Date.parse(timer.dueAt));
    return this.apply(fireTimer(this.definition, this.state, timer.id, { now: this.now }));
  }

  job(elementId: string) {
    const job = Object.values(this.state.jobs).find((candidate) => candidate.elementId === elementId);
    if (!job) throw new Error(`no job at ${elementId}`);
    return job;
  }

  completeJob(elementId: string, result: Record<string, unknown> = {}): this {
    return this.apply(completeJob(this.definition, this.state, this.job(elementId).id, { now: this.now, result }));
  }

  failJob(elementId: string, error: { code?: string; message?: string }): this {
    return this.apply(completeJob(this.definition, this.state, this.job(elementId).id, { now: this.now, error }));
  }

  message(name: string, payload: Record<string, unknown> = {}, correlationKey?: string): this {
    return this.apply(deliverMessage(this.definition, this.state, { name, payload, now: this.now, ...(correlationKey ? { correlationKey } : {}) }));
  }

  signal(name: string): this {
    return this.apply(deliverSignal(this.definition, this.state, { name, now: this.now }));
  }

  addSigner(elementId: string, user: string, position: 'before' | 'after', assignee?: string): this {
    return this.apply(addSigner(this.definition, this.state, this.task(elementId, assignee).id, { user, position, now: this.now }));
  }

  /** Effect types of the last command, history left out. */
  effectTypes(): string[] {
    return this.effects.filter((effect) => effect.type !== 'history').map((effect) => effect.type);
  }

  /** Elements started over the whole run, in order (from history). */
  startedElements(): string[] {
    return this.log
      .filter((effect): effect is Extract<Effect, { type: 'history' }> => effect.type === 'history' && effect.event.kind === 'activity.started')
      .map((effect) => effect.event.elementId!);
  }

  get status() {
    return this.state.status;
  }
}
