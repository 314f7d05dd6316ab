import { Global, Module } from '@nestjs/common';
import { RecordRulesService } from './record-rules.service';
import { StandaloneTasks } from './standalone-tasks';

@Global()
@Module({ providers: [RecordRulesService, StandaloneTasks], exports: [RecordRulesService, StandaloneTasks] })
export class RulesModule {}
