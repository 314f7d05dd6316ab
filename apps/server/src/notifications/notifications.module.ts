import { Global, Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxAdapters } from './outbox-adapters';
import { OutboxController } from './outbox.controller';
import { OutboxDispatcher } from './outbox-dispatcher';

@Global()
@Module({
  controllers: [NotificationsController, OutboxController],
  providers: [NotificationsService, OutboxAdapters, OutboxDispatcher],
  exports: [NotificationsService, OutboxAdapters, OutboxDispatcher],
})
export class NotificationsModule {}
