import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/decorators';
import { notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { type Notification, NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiQuery({ name: 'unread', required: false, type: Boolean })
  async mine(
    @CurrentUser() user: AuthenticatedUser,
    @Query('unread') unread?: string,
  ): Promise<{ items: Notification[] }> {
    return { items: await this.notifications.listFor(user.id, unread === 'true') };
  }

  @Post(':id/read')
  @HttpCode(204)
  async read(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    if (!(await this.notifications.markRead(user.id, id)))
      throw notFound(text('消息不存在', 'No such message'), 'notification.notFound');
  }
}
