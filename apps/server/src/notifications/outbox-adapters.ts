import { Inject, Injectable } from '@nestjs/common';
import type { TesseraConfig } from '../core/config';
import { TESSERA_CONFIG } from '../core/tokens';

export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** What an adapter is given to deliver. */
export interface OutgoingMessage {
  id: string;
  channel: string;
  recipient: string | null;
  template: string | null;
  payload: Record<string, unknown>;
}

/**
 * Delivers the messages of one channel. `send` resolves once the provider accepted the message, or
 * throws: a `DeliveryRefused` when trying again cannot help (the provider refused the message), any
 * other error when it may (the provider was unreachable, slow or overloaded).
 */
export interface OutboxAdapter {
  send(message: OutgoingMessage): Promise<{ providerId?: string }>;
}

/** The provider refused the message itself; the dispatcher fails it without retrying. */
export class DeliveryRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeliveryRefused';
  }
}

export const GATEWAY_TIMEOUT_MS = 10_000;

/**
 * Posts `{ id, channel, recipient, template, payload }` as JSON to a gateway URL with the outbox id
 * as `Idempotency-Key`, so a gateway can drop the repeat of a send whose answer was lost. A 2xx is
 * delivered (`providerId` or `id` of a JSON answer is kept), a 4xx other than 408/429 is a refusal,
 * anything else (5xx, 408, 429, a network error, no answer within 10 s) is worth another try.
 */
export class HttpGatewayAdapter implements OutboxAdapter {
  constructor(
    private readonly url: string,
    private readonly token?: string,
    private readonly timeoutMs = GATEWAY_TIMEOUT_MS,
  ) {}

  async send(message: OutgoingMessage): Promise<{ providerId?: string }> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Idempotency-Key': message.id };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          id: message.id,
          channel: message.channel,
          recipient: message.recipient,
          template: message.template,
          payload: message.payload,
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // An aborted fetch throws a DOMException, which need not be an `Error` of this realm.
      const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
      const reason =
        name === 'TimeoutError'
          ? `no answer within ${this.timeoutMs} ms`
          : typeof message === 'string'
            ? message
            : String(error);
      throw new Error(`Gateway ${this.url} could not be reached: ${reason}`, { cause: error });
    }
    const body = await response.text().catch(() => '');
    const excerpt = body.slice(0, 300);
    if (response.ok) return { providerId: providerIdOf(body) };
    const status = `Gateway answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`;
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      throw new DeliveryRefused(status);
    }
    throw new Error(status);
  }
}

function providerIdOf(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object') {
      const { providerId, id } = parsed as { providerId?: unknown; id?: unknown };
      const value = providerId ?? id;
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  } catch {
    // Not JSON: the gateway keeps no id of its own.
  }
  return undefined;
}

/** The adapter of each channel: the HTTP gateway configured by env, or one registered in code. */
@Injectable()
export class OutboxAdapters {
  private readonly adapters = new Map<string, OutboxAdapter>();

  constructor(@Inject(TESSERA_CONFIG) config: TesseraConfig) {
    for (const channel of OUTBOX_CHANNELS) {
      const gateway = config.outboxGateways[channel];
      if (gateway) this.adapters.set(channel, new HttpGatewayAdapter(gateway.url, gateway.token));
    }
  }

  /** Sets (or with `undefined` removes) the adapter of a channel. */
  register(channel: OutboxChannel, adapter: OutboxAdapter | undefined): void {
    if (adapter) this.adapters.set(channel, adapter);
    else this.adapters.delete(channel);
  }

  get(channel: string): OutboxAdapter | undefined {
    return this.adapters.get(channel);
  }

  configuredChannels(): string[] {
    return [...this.adapters.keys()];
  }

  /** Per known channel, whether its messages are delivered at all. */
  delivery(): Record<OutboxChannel, { configured: boolean }> {
    return Object.fromEntries(
      OUTBOX_CHANNELS.map((channel) => [channel, { configured: this.adapters.has(channel) }]),
    ) as Record<OutboxChannel, { configured: boolean }>;
  }
}
