import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Answer {
  status: number;
  body: unknown;
}

/** A refused or failed request, kept so the run can print what went wrong. */
export interface Failure {
  step: string;
  request: string;
  status: number;
  body: string;
}

/** Keep-alive HTTP/1.1 JSON client for a set of servers, spreading requests round-robin. */
export class Client {
  private readonly agents: http.Agent[];
  private next = 0;

  constructor(
    readonly baseUrls: string[],
    sockets: number,
  ) {
    this.agents = baseUrls.map(() => new http.Agent({ keepAlive: true, maxSockets: sockets }));
  }

  request(method: string, path: string, body?: unknown, token?: string): Promise<Answer> {
    const index = this.next++ % this.baseUrls.length;
    const url = new URL(`/api${path}`, this.baseUrls[index]);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { accept: 'application/json', 'accept-language': 'en' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const request = http.request(url, { method, headers, agent: this.agents[index] }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // kept as text
          }
          resolve({ status: response.statusCode ?? 0, body: parsed });
        });
        response.on('error', reject);
      });
      request.on('error', reject);
      request.end(payload);
    });
  }

  close(): void {
    for (const agent of this.agents) agent.destroy();
  }
}

/** Latencies (ms) per named step, and every failure. */
export class Recorder {
  readonly latencies = new Map<string, number[]>();
  readonly failures: Failure[] = [];

  record(step: string, ms: number): void {
    let list = this.latencies.get(step);
    if (!list) this.latencies.set(step, (list = []));
    list.push(ms);
  }

  /** Sends one request, records its latency under `step`, and throws on anything but 2xx. */
  async send(client: Client, step: string, method: string, path: string, body?: unknown, token?: string): Promise<unknown> {
    const started = performance.now();
    let answer: Answer;
    try {
      answer = await client.request(method, path, body, token);
    } catch (error) {
      this.failures.push({ step, request: `${method} ${path}`, status: 0, body: error instanceof Error ? error.message : String(error) });
      throw new StepFailed(step);
    }
    this.record(step, performance.now() - started);
    if (answer.status < 200 || answer.status >= 300) {
      this.failures.push({ step, request: `${method} ${path}`, status: answer.status, body: JSON.stringify(answer.body)?.slice(0, 400) ?? '' });
      throw new StepFailed(step);
    }
    return answer.body;
  }

  stats(step: string): LatencyStats {
    return latencyStats(this.latencies.get(step) ?? []);
  }
}

export class StepFailed extends Error {
  constructor(readonly step: string) {
    super(`${step} failed`);
  }
}

export interface LatencyStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function latencyStats(values: number[]): LatencyStats {
  if (values.length === 0) return { count: 0, p50: NaN, p95: NaN, p99: NaN, mean: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), mean: sorted.reduce((sum, value) => sum + value, 0) / sorted.length };
}

export interface RunOutcome {
  /** Iterations that finished without a failure. */
  completed: number;
  seconds: number;
  /** Completed iterations per second of the run, the tail included. */
  rate: number;
  /** Seconds all completed iterations took, added up. */
  busySeconds: number;
  /**
   * Iterations per second at full concurrency (Little's law: clients ÷ mean iteration time). Unlike
   * `rate` it is not lowered by the tail, where the last iterations finish with fewer clients busy —
   * which matters when an iteration (a whole loan) lasts seconds and a turn only a few.
   */
  steadyRate: number;
}

/**
 * Closed-loop load: `concurrency` workers each run `iteration` again and again until `seconds` have
 * passed; an iteration under way at the deadline is finished, so nothing is left half-done.
 * A failed iteration stops its worker (the failure is in the recorder).
 */
export async function runClosedLoop(concurrency: number, seconds: number, iteration: (worker: number) => Promise<void>): Promise<RunOutcome> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let completed = 0;
  let busy = 0;
  const worker = async (index: number): Promise<void> => {
    while (performance.now() < deadline) {
      try {
        const begun = performance.now();
        await iteration(index);
        busy += performance.now() - begun;
        completed++;
      } catch (error) {
        if (error instanceof StepFailed) return;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => worker(index)));
  const elapsed = (performance.now() - started) / 1000;
  const busySeconds = busy / 1000;
  return { completed, seconds: elapsed, rate: completed / elapsed, busySeconds, steadyRate: completed ? (concurrency * completed) / busySeconds : 0 };
}
