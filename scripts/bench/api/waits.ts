import type { Pool } from 'pg';

/**
 * Samples what the server's database sessions are doing (pg_stat_activity) while a phase runs:
 * how many wait for a lock, and on which statement, how many sit idle in a transaction waiting
 * for the server to send its next statement. Shows where a write path queues.
 */
export class WaitSampler {
  private samples = 0;
  private readonly counts = new Map<string, number>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly everyMs = 25,
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { rows } = await this.pool.query<{ state: string; wait: string; query: string }>(
          `SELECT state, coalesce(wait_event_type || ':' || wait_event, 'running') AS wait, regexp_replace(left(query, 70), '\\s+', ' ', 'g') AS query
           FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
             AND coalesce(application_name, '') NOT LIKE 'bench%'`,
        );
        this.samples++;
        for (const row of rows) {
          const key =
            row.wait.startsWith('Lock:') ? `waiting for a lock: ${row.query}` : row.state === 'idle in transaction' ? 'idle in transaction (waiting for the server)' : row.state === 'active' ? 'running a statement' : undefined;
          if (key) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        }
        await new Promise((resolve) => setTimeout(resolve, this.everyMs));
      }
    })();
  }

  /** Stops sampling until the next start; the counts are kept. */
  async pause(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  summary(): string[] {
    return [...this.counts]
      .sort((left, right) => right[1] - left[1])
      .slice(0, 4)
      .map(([key, count]) => `${(count / Math.max(1, this.samples)).toFixed(1)} sessions on average ${key}`);
  }
}
