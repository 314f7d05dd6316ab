import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../core/clock/clock';
import type { TesseraConfig } from '../core/config';
import { TESSERA_CONFIG } from '../core/tokens';
import { retryDelaySeconds } from '../jobs/job';
import { DeliveryRefused, OUTBOX_CHANNELS, type OutgoingMessage, OutboxAdapters } from './outbox-adapters';
import { PollingLoop } from '../core/polling-loop';

export const OUTBOX_BATCH_SIZE = 25;
/** Sends per message before it is failed. */
export const OUTBOX_MAX_ATTEMPTS = 5;
/** How long a claimed message stays leased to the process calling the gateway (the call times out after 10 s). */
export const OUTBOX_LEASE_SECONDS = 60;

export interface DeliveryOutcome {
  claimed: number;
  sent: number;
  retrying: number;
  failed: number;
}

/**
 * Delivers pending outbox messages through the adapter of their channel, in every server process
 * that runs the worker. A batch of due messages is claimed with `FOR UPDATE SKIP LOCKED` and only
 * leased (`locked_until`, `locked_by`) in that transaction; the sends run after it commits, and each
 * outcome is applied in its own transaction that first checks the lease is still this process's.
 * So two processes never send the same message at the same time, and a process that dies mid-send
 * leaves the message due again once its lease runs out. The gateway gets the outbox id as
 * `Idempotency-Key` to drop the repeat of a send whose answer was lost.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly dispatcherId = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly logger = new Logger('OutboxDispatcher');
  private readonly loop: PollingLoop;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly adapters: OutboxAdapters,
    private readonly clock: Clock,
  ) {
    this.loop = new PollingLoop({
      what: 'Outbox delivery',
      logger: this.logger,
      pollMs: this.config.workerPollMs,
      batchSize: OUTBOX_BATCH_SIZE,
      batch: () => this.deliverDue(),
    });
  }

  onApplicationBootstrap(): void {
    const unconfigured = OUTBOX_CHANNELS.filter((channel) => !this.adapters.get(channel));
    if (unconfigured.length) {
      this.logger.warn(
        `No delivery adapter for ${unconfigured.join(', ')}: those outbox messages stay pending ` +
          `(set ${unconfigured.map((channel) => `TESSERA_${channel.toUpperCase()}_GATEWAY_URL`).join(', ')})`,
      );
    }
    if (this.config.workerEnabled) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    this.loop.start();
  }

  /** Looks for due messages now rather than after the poll interval. */
  wake(): void {
    this.loop.wake();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Claims one batch of due messages of the channels that have an adapter, sends them and records each outcome. */
  async deliverDue(batchSize = OUTBOX_BATCH_SIZE): Promise<DeliveryOutcome> {
    const channels = this.adapters.configuredChannels();
    const outcome: DeliveryOutcome = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
    if (!channels.length) return outcome;
    const claimed = await this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `SELECT id, channel, recipient, template, payload, attempts FROM outbox_message
         WHERE status = 'pending' AND channel = ANY($2::text[])
           AND (next_attempt_at IS NULL OR next_attempt_at <= coalesce($3::timestamptz, now()))
           AND (locked_until IS NULL OR locked_until < now())
         ORDER BY next_attempt_at NULLS FIRST, created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize, channels, this.movedNow()],
      )) as (OutgoingMessage & { attempts: number })[];
      if (rows.length) {
        await manager.query(
          `UPDATE outbox_message SET locked_until = now() + make_interval(secs => $2), locked_by = $3 WHERE id = ANY($1::uuid[])`,
          [rows.map((row) => row.id), OUTBOX_LEASE_SECONDS, this.dispatcherId],
        );
      }
      return rows;
    });
    outcome.claimed = claimed.length;
    await Promise.all(
      claimed.map(async (message) => {
        const result = await this.send(message);
        const applied = await this.apply(message, result);
        if (applied) outcome[applied] += 1;
      }),
    );
    return outcome;
  }

  private async send(message: OutgoingMessage): Promise<{ providerId?: string } | { error: unknown }> {
    const adapter = this.adapters.get(message.channel);
    if (!adapter) return { error: new Error(`No delivery adapter for channel "${message.channel}"`) };
    try {
      return await adapter.send(message);
    } catch (error) {
      return { error };
    }
  }

  private async apply(
    message: OutgoingMessage & { attempts: number },
    result: { providerId?: string } | { error: unknown },
  ): Promise<keyof Omit<DeliveryOutcome, 'claimed'> | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const [held] = (await manager.query(
        `SELECT id FROM outbox_message WHERE id = $1 AND status = 'pending' AND locked_by = $2 FOR UPDATE`,
        [message.id, this.dispatcherId],
      )) as unknown[];
      // The lease ran out and another process took the message over: its outcome counts, not this one.
      if (!held) return undefined;
      const attempts = message.attempts + 1;
      if (!('error' in result)) {
        await manager.query(
          `UPDATE outbox_message SET status = 'sent', sent_at = coalesce($3::timestamptz, now()), provider_id = $2,
             attempts = $4, last_error = NULL, next_attempt_at = NULL, locked_until = NULL, locked_by = NULL
           WHERE id = $1`,
          [message.id, result.providerId ?? null, this.movedNow(), attempts],
        );
        return 'sent';
      }
      const error = result.error instanceof Error ? result.error.message : String(result.error);
      if (result.error instanceof DeliveryRefused || attempts >= OUTBOX_MAX_ATTEMPTS) {
        this.logger.warn(
          `Outbox message ${message.id} (${message.channel}) failed after ${attempts} attempt(s): ${error}`,
        );
        await manager.query(
          `UPDATE outbox_message SET status = 'failed', attempts = $2, last_error = $3, next_attempt_at = NULL,
             locked_until = NULL, locked_by = NULL
           WHERE id = $1`,
          [message.id, attempts, error],
        );
        return 'failed';
      }
      await manager.query(
        `UPDATE outbox_message SET attempts = $2, last_error = $3,
           next_attempt_at = coalesce($5::timestamptz, now()) + make_interval(secs => $4), locked_until = NULL, locked_by = NULL
         WHERE id = $1`,
        [message.id, attempts, error, retryDelaySeconds(attempts), this.movedNow()],
      );
      return 'retrying';
    });
  }

  /** The controllable clock's moment, or null so the database's own `now()` decides (as the job worker does). */
  private movedNow(): Date | null {
    return this.clock.controllable ? this.clock.now() : null;
  }
}
