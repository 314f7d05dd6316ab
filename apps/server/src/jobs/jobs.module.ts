import { Global, Module } from '@nestjs/common';
import { JobHandlers } from './job-handlers';
import { JobWorker } from './job-worker';
import { IncidentsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Global()
@Module({
  controllers: [IncidentsController],
  providers: [JobHandlers, JobsService, JobWorker],
  exports: [JobHandlers, JobsService, JobWorker],
})
export class JobsModule {}
