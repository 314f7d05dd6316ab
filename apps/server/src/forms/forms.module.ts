import { Global, Module } from '@nestjs/common';
import { FormsController } from './forms.controller';
import { FormsService } from './forms.service';

@Global()
@Module({ controllers: [FormsController], providers: [FormsService], exports: [FormsService] })
export class FormsModule {}
