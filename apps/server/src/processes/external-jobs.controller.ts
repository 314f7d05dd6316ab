import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Type } from 'class-transformer';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ExternalJobsService, type JobState, type JobView } from './external-jobs.service';

/** The role of systems outside Tessera (workers, core banking adapters). `admin` always qualifies. */
export const INTEGRATION_ROLE = 'integration';

const JOB_STATES: JobState[] = ['open', 'locked', 'completed', 'incident', 'cancelled'];

export class JobQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  instanceId?: string;

  @ApiPropertyOptional({ description: 'The job type (`tessera:jobType`)', example: 'kyc.amlCheck' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  type?: string;

  @ApiPropertyOptional({ enum: JOB_STATES })
  @IsOptional()
  @IsIn(JOB_STATES)
  state?: JobState;
}

export class FetchAndLockDto {
  @ApiProperty({ example: 'aml-worker-1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  workerId!: string;

  @ApiProperty({ example: ['kyc.amlCheck'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  types!: string[];

  @ApiPropertyOptional({ default: 10, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  maxJobs?: number;

  @ApiPropertyOptional({
    default: 300,
    description: 'How long the lock lasts; an unfinished job is offered again after it',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86_400)
  lockSeconds?: number;
}

export class CompleteJobDto {
  @ApiPropertyOptional({ description: 'The worker holding the lock; required while another worker holds it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workerId?: string;

  @ApiPropertyOptional({ description: "The job's result: mapped into the process by the task's output parameters" })
  @IsOptional()
  @IsObject()
  variables?: Record<string, unknown>;
}

export class FailJobDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workerId?: string;

  @ApiProperty({ description: 'What went wrong' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  message!: string;

  @ApiPropertyOptional({
    description: 'Retries left; 0 makes the job an incident. Default: one less than before (3 at first)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(100)
  retries?: number;

  @ApiPropertyOptional({ description: 'Seconds before the job is offered again' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(604_800)
  retryAfterSeconds?: number;
}

export class BpmnErrorDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  workerId?: string;

  @ApiProperty({ description: 'The BPMN error code a boundary event may catch', example: 'aml_hit' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  errorCode!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  message?: string;
}

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
@Roles(INTEGRATION_ROLE)
export class ExternalJobsController {
  constructor(private readonly jobs: ExternalJobsService) {}

  @Get()
  @Roles(INTEGRATION_ROLE, 'supervisor')
  @ApiOkResponse({ description: 'Service-task jobs: external ones and those the built-in connectors run' })
  async list(@Query() query: JobQuery): Promise<{ items: JobView[] }> {
    return { items: await this.jobs.list(query) };
  }

  @Post('fetch-and-lock')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The jobs now locked for the worker (possibly none)' })
  async fetchAndLock(@Body() body: FetchAndLockDto): Promise<{ items: JobView[] }> {
    return {
      items: await this.jobs.fetchAndLock({
        workerId: body.workerId,
        types: body.types,
        maxJobs: body.maxJobs ?? 10,
        lockSeconds: body.lockSeconds ?? 300,
      }),
    };
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiConflictResponse({ description: 'job.closed, job.lockedByOther' })
  complete(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteJobDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<JobView> {
    return this.jobs.complete(id, body, user);
  }

  @Post(':id/fail')
  @HttpCode(200)
  fail(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: FailJobDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<JobView> {
    return this.jobs.fail(id, body, user);
  }

  @Post(':id/bpmn-error')
  @HttpCode(200)
  bpmnError(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: BpmnErrorDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<JobView> {
    return this.jobs.bpmnError(id, body, user);
  }
}
