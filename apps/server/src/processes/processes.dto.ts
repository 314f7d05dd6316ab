import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class StartInstanceDto {
  @ApiPropertyOptional({ description: 'Process variables' })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  businessKey?: string;
}

export class DeployQuery {
  @ApiProperty({ example: 'loan-approval', description: 'The app the process belongs to' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/)
  appKey!: string;
}

export class InstanceQuery {
  @ApiPropertyOptional({ description: 'Only instances of this process' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  processKey?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  businessKey?: string;

  @ApiPropertyOptional({ description: 'Only the instances a call activity of this instance started' })
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @ApiPropertyOptional({ enum: ['active', 'completed', 'terminated', 'incident'] })
  @IsOptional()
  @IsIn(['active', 'completed', 'terminated', 'incident'])
  status?: 'active' | 'completed' | 'terminated' | 'incident';
}
