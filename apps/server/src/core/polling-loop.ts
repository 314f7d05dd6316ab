import type { Logger } from '@nestjs/common';

/**
 * A background loop that runs `batch` again at once while it keeps finding a full batch, and
 * otherwise sleeps `pollMs` or until `wake()`. Errors are logged and the loop goes on; `stop()`
 * waits for the batch in hand. The job worker and the outbox dispatcher each run one.
 */
export class PollingLoop {
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;

  constructor(
    private readonly options: {
      /** Names the loop in the error log, e.g. "Job batch". */
      what: string;
      logger: Logger;
      pollMs: number;
      batchSize: number;
      /** One batch; `claimed` below `batchSize` means there is nothing more to do right now. */
      batch: () => Promise<{ claimed: number }>;
    },
  ) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Runs the next batch now rather than after the poll interval. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { what, logger, batchSize, batch } = this.options;
    while (this.running) {
      let claimed = 0;
      try {
        ({ claimed } = await batch());
      } catch (error) {
        if (!this.running) break;
        logger.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (claimed < batchSize && this.running) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.options.pollMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
