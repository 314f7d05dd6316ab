/** What the caller passes in besides the data: time is an argument, never read from the clock. */
export interface RuleContext {
  now?: string | Date;
  /** Receives the values of `log` operations; without it `log` only returns its argument. */
  log?: (value: unknown) => void;
}
