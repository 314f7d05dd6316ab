/**
 * The server's notion of "now" for everything a process or a rule reads: timers, SLAs, due dates,
 * overdue tasks, rule evaluations and when jobs fall due. In production it is the system clock.
 * With `TESSERA_CLOCK=controllable` an administrator may move it forward (`POST /api/clock/advance`)
 * so scenarios can play days of SLA and reminders in seconds; time keeps flowing from there. The
 * offset lives in this process only, so a controllable clock is for a single test server.
 */
export class Clock {
  private offsetMs = 0;

  constructor(readonly controllable: boolean) {}

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward to `moment` (never back: time-ordered records must stay ordered). */
  advanceTo(moment: Date): Date {
    if (!this.controllable) throw new Error('The clock is the system clock; start the server with TESSERA_CLOCK=controllable to move it');
    const ahead = moment.getTime() - this.now().getTime();
    if (ahead > 0) this.offsetMs += ahead;
    return this.now();
  }

  /**
   * Puts the clock at `moment`, earlier ones included: a scenario starts at the instant its story
   * is written for. Jobs already scheduled keep their due times and fire once the clock reaches them.
   */
  travelTo(moment: Date): Date {
    if (!this.controllable) throw new Error('The clock is the system clock; start the server with TESSERA_CLOCK=controllable to move it');
    this.offsetMs = moment.getTime() - Date.now();
    return this.now();
  }
}

/** `TESSERA_CLOCK`: `system` (the default) or `controllable`. */
export function clockFromEnv(env: NodeJS.ProcessEnv): Clock {
  const raw = env.TESSERA_CLOCK?.trim().toLowerCase() ?? '';
  if (raw === '' || raw === 'system') return new Clock(false);
  if (raw === 'controllable') return new Clock(true);
  throw new Error(`TESSERA_CLOCK must be "system" or "controllable", got "${env.TESSERA_CLOCK}"`);
}
