import { Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { OutboxAdapters, type OutboxChannel } from './outbox-adapters';
import { OutboxDispatcher } from './outbox-dispatcher';

export class OutboxQuery {
  @ApiPropertyOptional({ description: 'The customer (id) or address the message is for', example: 'cust-0001' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  recipient?: string;

  @ApiPropertyOptional({ example: 'sms' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  channel?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  instanceId?: string;

  @ApiPropertyOptional({ enum: ['pending', 'sent', 'failed'] })
  @IsOptional()
  @IsIn(['pending', 'sent', 'failed'])
  status?: 'pending' | 'sent' | 'failed';
}

export interface OutboxMessage {
  id: string;
  channel: string;
  recipient: string | null;
  template: string | null;
  payload: Record<string, unknown>;
  status: 'pending' | 'sent' | 'failed';
  instanceId: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Sends tried so far. */
  attempts: number;
  /** Why the last send did not deliver; null once sent. */
  lastError: string | null;
  /** When a pending message is tried again; null when it is due now (or not pending). */
  nextAttemptAt: Date | null;
  /** The gateway's id for a sent message, when it gave one. */
  providerId: string | null;
}

interface RawOutboxMessage {
  id: string;
  channel: string;
  recipient: string | null;
  template: string | null;
  payload: Record<string, unknown>;
  status: OutboxMessage['status'];
  instance_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  provider_id: string | null;
}

function outboxMessageFromRaw(row: RawOutboxMessage): OutboxMessage {
  return {
    id: row.id,
    channel: row.channel,
    recipient: row.recipient,
    template: row.template,
    payload: row.payload,
    status: row.status,
    instanceId: row.instance_id,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    providerId: row.provider_id,
  };
}

/** Messages to customers (SMS, e-mail) written by processes, as the delivery adapters and auditors read them. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('outbox')
@Roles('integration', 'supervisor')
export class OutboxController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly adapters: OutboxAdapters,
    private readonly dispatcher: OutboxDispatcher,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'Newest first, at most 500; `delivery` says which channels have an adapter' })
  async list(
    @Query() query: OutboxQuery,
  ): Promise<{ items: OutboxMessage[]; delivery: Record<OutboxChannel, { configured: boolean }> }> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM outbox_message WHERE ($1::text IS NULL OR recipient = $1) AND ($2::text IS NULL OR channel = $2)
         AND ($3::uuid IS NULL OR instance_id = $3::uuid) AND ($4::text IS NULL OR status = $4)
       ORDER BY created_at DESC, id LIMIT 500`,
      [query.recipient ?? null, query.channel ?? null, query.instanceId ?? null, query.status ?? null],
    )) as RawOutboxMessage[];
    return { items: rows.map(outboxMessageFromRaw), delivery: this.adapters.delivery() };
  }

  @Post(':id/retry')
  @Roles('admin')
  @ApiOkResponse({ description: 'The failed message, pending again with a fresh set of attempts' })
  async retry(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<OutboxMessage> {
    const message = await this.dataSource.transaction(async (manager) => {
      const [raw] = (await manager.query(
        `SELECT * FROM outbox_message WHERE id = $1 AND status = 'failed' FOR UPDATE`,
        [id],
      )) as RawOutboxMessage[];
      if (!raw) throw notFound(text('没有这条发送失败的消息', 'No such failed outbox message'), 'outbox.notFound');
      const [updated] = (await manager.query(
        `WITH updated AS (
           UPDATE outbox_message SET status = 'pending', attempts = 0, next_attempt_at = NULL, locked_until = NULL, locked_by = NULL
           WHERE id = $1 RETURNING *)
         SELECT * FROM updated`,
        [id],
      )) as RawOutboxMessage[];
      await this.audit.append(manager, {
        actor: user.id,
        action: 'outbox.retry',
        entityType: 'outbox_message',
        entityId: id,
        before: { status: raw.status, attempts: raw.attempts, lastError: raw.last_error },
        after: { status: 'pending' },
      });
      return outboxMessageFromRaw(updated!);
    });
    this.dispatcher.wake();
    return message;
  }
}
