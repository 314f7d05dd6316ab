import { Global, Module } from '@nestjs/common';
import { FormsController } from './forms.controller';
import { FormsService } from './forms.service';
import { RecordIndexesService } from './record-indexes.service';

@Global()
@Module({
  controllers: [FormsController],
  providers: [FormsService, RecordIndexesService],
  exports: [FormsService, RecordIndexesService],
})
export class FormsModule {}
