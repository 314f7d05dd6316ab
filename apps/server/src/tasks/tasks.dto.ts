import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

export class InboxQuery {
  @ApiPropertyOptional({ enum: ['mine', 'candidate', 'overdue', 'done', 'started'], default: 'mine' })
  @IsOptional()
  @IsIn(['mine', 'candidate', 'overdue', 'done', 'started'])
  view?: 'mine' | 'candidate' | 'overdue' | 'done' | 'started';
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
