import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxController } from './outbox.controller';

@Global()
@Module({
  controllers: [NotificationsController, OutboxController],
  providers: [NotificationsService],
  exports: [NotificationsService],
})
export class NotificationsModule {}
