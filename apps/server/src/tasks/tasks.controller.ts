import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/decorators';
import { AddSignerDto, CompleteTaskDto, HandOverDto, InboxQuery, ReturnTaskDto } from './tasks.dto';
import { TasksService, type TaskView } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  async inbox(@Query() query: InboxQuery, @CurrentUser() user: AuthenticatedUser): Promise<{ items: TaskView[] }> {
    return { items: await this.tasks.inbox(user, query.view ?? 'mine') };
  }

  @Get(':id')
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.tasks.get(id, user);
  }

  @Post(':id/claim')
  @HttpCode(200)
  claim(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<TaskView> {
    return this.tasks.claim(id, user);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  unclaim(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<TaskView> {
    return this.tasks.unclaim(id, user);
  }

  @Post(':id/complete')
  @HttpCode(200)
  complete(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CompleteTaskDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TaskView> {
    return this.tasks.complete(id, user, body.data ?? {}, body.comment);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  transfer(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: HandOverDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TaskView> {
    return this.tasks.transfer(id, user, body.to);
  }

  @Post(':id/delegate')
  @HttpCode(200)
  delegate(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: HandOverDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TaskView> {
    return this.tasks.delegate(id, user, body.to);
  }

  @Post(':id/return')
  @HttpCode(200)
  returnTo(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: ReturnTaskDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TaskView> {
    return this.tasks.returnTo(id, user, body.toElementId, body.comment);
  }

  @Post(':id/add-signer')
  @HttpCode(200)
  addSigner(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: AddSignerDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<TaskView> {
    return this.tasks.addSigner(id, user, body.user, body.position);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  withdraw(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<TaskView> {
    return this.tasks.withdraw(id, user);
  }

  @Post(':id/remind')
  @HttpCode(200)
  remind(@Param('id', new ParseUUIDPipe()) id: string, @CurrentUser() user: AuthenticatedUser): Promise<TaskView> {
    return this.tasks.remind(id, user);
  }
}
