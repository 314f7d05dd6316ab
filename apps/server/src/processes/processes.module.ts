import { Global, Module } from '@nestjs/common';
import { ProcessDefinitionsService } from './process-definitions.service';
import { ProcessRuntimeService } from './process-runtime.service';
import { ProcessesController } from './processes.controller';
import { ServiceConnectors } from './service-connectors';

@Global()
@Module({
  controllers: [ProcessesController],
  providers: [ProcessDefinitionsService, ProcessRuntimeService, ServiceConnectors],
  exports: [ProcessDefinitionsService, ProcessRuntimeService, ServiceConnectors],
})
export class ProcessesModule {}
