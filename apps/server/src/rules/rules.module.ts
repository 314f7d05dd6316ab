import { Global, Module } from '@nestjs/common';
import { RecordRulesService } from './record-rules.service';
import { RuleSchedules } from './rule-schedules';
import { StandaloneTasks } from './standalone-tasks';

@Global()
@Module({
  providers: [RecordRulesService, StandaloneTasks, RuleSchedules],
  exports: [RecordRulesService, StandaloneTasks, RuleSchedules],
})
export class RulesModule {}
