import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { AppSettingsService } from './app-settings.service';

@ApiTags('apps')
@ApiBearerAuth()
@Controller('apps/:appKey/settings')
export class AppSettingsController {
  constructor(private readonly settings: AppSettingsService) {}

  @Get()
  @Roles('admin')
  @ApiOkResponse({
    description:
      'Every setting the installed version declares: `key`, `type`, `format`, `label`, `default`, the stored `value` (null: the default applies), ' +
      'the `effective` value processes started now read as `settings.<key>`, `updatedBy`, `updatedAt`, and a `problem` when a stored value no longer fits its declaration. ' +
      '`undeclared` lists stored values of settings the installed version no longer declares; they are not used.',
  })
  @ApiForbiddenResponse({ description: 'forbidden: only administrators read app settings' })
  @ApiNotFoundResponse({ description: 'app.notFound' })
  get(@Param('appKey') appKey: string) {
    return this.settings.get(appKey);
  }

  @Put()
  @Roles('admin')
  @ApiBody({
    description: '`{ "<key>": value, … }`; null puts a setting back to its default (and clears a value the app no longer declares)',
    schema: { type: 'object', additionalProperties: true, example: { coreBankingUrl: 'https://core.bank.example/disbursements' } },
  })
  @ApiOkResponse({ description: 'The settings after the change, as GET returns them; audited as app.settings.update with before and after' })
  @ApiBadRequestResponse({ description: 'request.invalid: the body is not an object' })
  @ApiForbiddenResponse({ description: 'forbidden: only administrators change app settings' })
  @ApiNotFoundResponse({ description: 'app.notFound' })
  @ApiUnprocessableEntityResponse({
    description:
      'settings.invalid: every wrong value, its path `settings.<key>` (or `settings.<key>[i]` for a list item): setting.unknown, setting.type, setting.url, setting.listItem, setting.tooLong. Nothing is saved.',
  })
  update(@Param('appKey') appKey: string, @Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.settings.update(appKey, body, user);
  }
}
