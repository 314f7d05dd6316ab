import { Global, Module } from '@nestjs/common';
import { ProcessDefinitionsService } from './process-definitions.service';
import { ProcessRuntimeService } from './process-runtime.service';
import { ProcessesController } from './processes.controller';
import { ServiceConnectors } from './service-connectors';
import { ExternalJobsController } from './external-jobs.controller';
import { ExternalJobsService } from './external-jobs.service';
import { MessagesController } from './messages.controller';

@Global()
@Module({
  controllers: [ProcessesController, MessagesController, ExternalJobsController],
  providers: [ProcessDefinitionsService, ProcessRuntimeService, ServiceConnectors, ExternalJobsService],
  exports: [ProcessDefinitionsService, ProcessRuntimeService, ServiceConnectors],
})
export class ProcessesModule {}
