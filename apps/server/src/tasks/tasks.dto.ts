import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { InboxView } from './tasks.service';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

const INBOX_VIEWS: InboxView[] = ['mine', 'roles', 'candidate', 'overdue', 'escalated', 'done', 'started'];

export class InboxQuery {
  @ApiPropertyOptional({
    enum: INBOX_VIEWS,
    default: 'mine',
    description:
      '`roles` (alias `candidate`): unassigned tasks of my roles; `escalated`: open tasks past their SLA escalation',
  })
  @IsOptional()
  @IsIn(INBOX_VIEWS)
  view?: InboxView;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ description: 'The task form data' })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class HandOverDto {
  @ApiProperty({ description: 'username' })
  @IsString()
  @IsNotEmpty()
  to!: string;
}

export class ReturnTaskDto {
  @ApiProperty({ description: 'BPMN id of an earlier user task' })
  @IsString()
  @IsNotEmpty()
  toElementId!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}

export class AddSignerDto {
  @ApiProperty({ description: 'username' })
  @IsString()
  @IsNotEmpty()
  user!: string;

  @ApiProperty({ enum: ['before', 'after'] })
  @IsIn(['before', 'after'])
  position!: 'before' | 'after';
}
