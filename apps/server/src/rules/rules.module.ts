import { Global, Module } from '@nestjs/common';
import { RecordRulesService } from './record-rules.service';

@Global()
@Module({ providers: [RecordRulesService], exports: [RecordRulesService] })
export class RulesModule {}
