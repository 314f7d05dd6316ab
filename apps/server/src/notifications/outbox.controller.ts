import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { Roles } from '../auth/decorators';

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
}

/** Messages to customers (SMS, e-mail) written by processes, as the delivery adapters and auditors read them. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('outbox')
@Roles('integration', 'supervisor')
export class OutboxController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @Get()
  @ApiOkResponse({ description: 'Newest first, at most 500' })
  async list(@Query() query: OutboxQuery): Promise<{ items: OutboxMessage[] }> {
    const rows = (await this.dataSource.query(
      `SELECT * FROM outbox_message WHERE ($1::text IS NULL OR recipient = $1) AND ($2::text IS NULL OR channel = $2)
         AND ($3::uuid IS NULL OR instance_id = $3::uuid) AND ($4::text IS NULL OR status = $4)
       ORDER BY created_at DESC, id LIMIT 500`,
      [query.recipient ?? null, query.channel ?? null, query.instanceId ?? null, query.status ?? null],
    )) as {
      id: string;
      channel: string;
      recipient: string | null;
      template: string | null;
      payload: Record<string, unknown>;
      status: OutboxMessage['status'];
      instance_id: string | null;
      created_at: Date;
      sent_at: Date | null;
    }[];
    return {
      items: rows.map((row) => ({
        id: row.id,
        channel: row.channel,
        recipient: row.recipient,
        template: row.template,
        payload: row.payload,
        status: row.status,
        instanceId: row.instance_id,
        createdAt: row.created_at,
        sentAt: row.sent_at,
      })),
    };
  }
}
