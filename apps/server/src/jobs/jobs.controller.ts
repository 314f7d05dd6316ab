import { Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import type { Job } from './job';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('incidents')
@Roles('supervisor')
export class IncidentsController {
  constructor(private readonly jobs: JobsService) {}

  @Get()
  @ApiOkResponse({ description: 'Jobs that failed their last attempt, newest first' })
  async list(): Promise<{ items: Job[] }> {
    return { items: await this.jobs.listIncidents() };
  }

  @Post(':id/retry')
  @ApiOkResponse({ description: 'The job, pending again with a fresh set of attempts' })
  retry(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<Job> {
    return this.jobs.retryIncident(id, user.id);
  }
}
