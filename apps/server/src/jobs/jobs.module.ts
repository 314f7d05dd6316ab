import { Global, Module } from '@nestjs/common';
import { JobHandlers } from './job-handlers';
import { JobWorker } from './job-worker';
import { ClockAdvancer } from './clock-advancer';
import { ClockController } from './clock.controller';
import { IncidentsController } from './jobs.controller';
import { JobsService } from './jobs.service';

@Global()
@Module({
  controllers: [IncidentsController, ClockController],
  providers: [JobHandlers, JobsService, JobWorker, ClockAdvancer],
  exports: [JobHandlers, JobsService, JobWorker],
})
export class JobsModule {}
