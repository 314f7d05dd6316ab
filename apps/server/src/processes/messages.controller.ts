import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsBoolean, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiError, forbidden } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { participantParams, participantSql } from './instance-access';
import { type DeliveryOutcome, ProcessRuntimeService } from './process-runtime.service';

/** Roles that may deliver any message and throw signals: systems (integration) and people who oversee. */
export const MESSAGE_SENDERS = ['admin', 'integration', 'supervisor'];

export class DeliverMessageDto {
  @ApiProperty({ description: 'The BPMN message name', example: 'satisfaction_survey' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: 'Only the instance with this business key' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  businessKey?: string;

  @ApiPropertyOptional({ description: 'Only this instance' })
  @IsOptional()
  @IsUUID()
  instanceId?: string;

  @ApiPropertyOptional({
    description:
      "Matches the waiting subscription's correlation key, or the instance's business key when the subscription has none",
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  correlation?: string;

  @ApiPropertyOptional({ description: 'Become process variables of the instance' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: 'Deliver to every matching instance instead of refusing an ambiguous message (409)',
  })
  @IsOptional()
  @IsBoolean()
  all?: boolean;
}

export class ThrowSignalDto {
  @ApiProperty({ description: 'The BPMN signal name' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

/**
 * Messages and signals from outside an instance: a customer's survey answer, a renewal booked in
 * core banking. Each delivery is one transaction with every step it causes.
 */
@ApiTags('processes')
@ApiBearerAuth()
@Controller()
export class MessagesController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runtime: ProcessRuntimeService,
  ) {}

  @Post('messages')
  @HttpCode(200)
  @ApiOkResponse({
    description: '`{ delivered: [{ instanceId, businessKey }], started: [{ instanceId, processKey }] }`',
  })
  @ApiNotFoundResponse({ description: 'message.noMatch: no instance waits and no message start event has the name' })
  @ApiConflictResponse({ description: 'message.ambiguous: several instances wait and `all` is not set' })
  deliver(@Body() body: DeliverMessageDto, @CurrentUser() user: AuthenticatedUser): Promise<DeliveryOutcome> {
    const privileged = MESSAGE_SENDERS.some((role) => user.roles.includes(role));
    if (!privileged && !body.instanceId && !body.businessKey && body.correlation === undefined) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'message.unaddressed',
        text('请指定实例、业务键或关联键', 'Name an instance, a business key or a correlation key'),
        [
          {
            path: 'instanceId',
            code: 'message.unaddressed',
            message: text('缺少消息的接收方', 'The message has no addressee'),
          },
        ],
      );
    }
    return this.dataSource.transaction((manager) =>
      this.runtime.correlate(
        manager,
        {
          name: body.name,
          instanceId: body.instanceId,
          businessKey: body.businessKey,
          correlationKey: body.correlation,
          variables: body.variables,
          all: body.all,
        },
        user,
        undefined,
        async (instanceIds) => {
          if (privileged) return;
          // Others deliver only to instances they take part in (the starter, an assignee, a candidate).
          const rows = (await manager.query(
            `SELECT count(*)::int AS n FROM process_instance instance WHERE instance.id = ANY($4::uuid[]) AND ${participantSql(1, 2, 3)}`,
            [...participantParams(user), instanceIds],
          )) as { n: number }[];
          if (Number(rows[0]?.n) !== instanceIds.length)
            throw forbidden(
              'message.forbidden',
              text('您未参与接收此消息的流程实例', 'You take no part in the instance the message is for'),
            );
        },
        // Starting a process by its message start event is for systems and overseers.
        privileged,
      ),
    );
  }

  @Post('signals')
  @HttpCode(200)
  @Roles(...MESSAGE_SENDERS)
  @ApiOkResponse({ description: 'The instances the signal reached and those its signal start events started' })
  signal(@Body() body: ThrowSignalDto, @CurrentUser() user: AuthenticatedUser): Promise<DeliveryOutcome> {
    return this.dataSource.transaction((manager) =>
      this.runtime.broadcast(manager, { name: body.name, variables: body.variables }, user),
    );
  }
}
