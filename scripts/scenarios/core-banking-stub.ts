import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stub answers one call with: the scenario's `result.response`, or its `error`. */
export type StubAnswer = { status: number; body: unknown };

interface Waiting {
  path: string;
  body: unknown;
  respond(answer: StubAnswer): void;
}

/**
 * A stand-in for the bank's core-banking system during a scenario run. The template's
 * `coreBankingUrl` setting points here, so a process's `http` service task makes a real HTTP call
 * through the server's real connector. A call is held open until the scenario says what core banking
 * answers (`completeJob` with `result.response`, or `error` as a refusal with its code); an answer
 * given before the call arrives waits for it.
 */
export class CoreBankingStub {
  private readonly server: http.Server;
  private readonly waiting: Waiting[] = [];
  private readonly answers: StubAnswer[] = [];
  readonly received: { path: string; body: unknown }[] = [];

  private constructor(
    readonly url: string,
    server: http.Server,
  ) {
    this.server = server;
  }

  static async start(): Promise<CoreBankingStub> {
    const holder: { stub?: CoreBankingStub } = {};
    const server = http.createServer((request, response) => {
      let text = '';
      request.on('data', (chunk: Buffer) => (text += chunk.toString()));
      request.on('end', () => {
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: kept as text
        }
        holder.stub!.arrive({
          path: request.url ?? '/',
          body,
          respond: (answer) => {
            response.writeHead(answer.status, { 'content-type': 'application/json' });
            response.end(JSON.stringify(answer.body));
          },
        });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.stub = new CoreBankingStub(`http://127.0.0.1:${port}/core-banking/disbursements`, server);
    return holder.stub;
  }

  /** Core banking accepts: the next call (held or yet to come) gets this body with 200. */
  accept(body: unknown): void {
    this.answer({ status: 200, body });
  }

  /** Core banking refuses with a business error code, which the process sees as that BPMN error. */
  refuse(code: string, message?: string): void {
    this.answer({ status: 422, body: { errorCode: code, message: message ?? code } });
  }

  /** Calls that arrived and still wait for an answer. */
  get pending(): number {
    return this.waiting.length;
  }

  async close(): Promise<void> {
    for (const call of this.waiting.splice(0))
      call.respond({ status: 503, body: { message: 'the scenario run ended' } });
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(answer: StubAnswer): void {
    const call = this.waiting.shift();
    if (call) call.respond(answer);
    else this.answers.push(answer);
  }

  private arrive(call: Waiting): void {
    this.received.push({ path: call.path, body: call.body });
    const answer = this.answers.shift();
    if (answer) call.respond(answer);
    else this.waiting.push(call);
  }
}
