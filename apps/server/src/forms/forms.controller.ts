import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JsonSchema } from '@tessera/forms';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { SaveFormDto } from './forms.dto';
import { FormsService, type StoredForm } from './forms.service';
import { RecordIndexesService } from './record-indexes.service';

@ApiTags('forms')
@ApiBearerAuth()
@Controller('forms')
export class FormsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly forms: FormsService,
    private readonly indexes: RecordIndexesService,
  ) {}

  @Get()
  @ApiQuery({ name: 'appKey', required: false })
  async list(@Query('appKey') appKey?: string): Promise<{ items: Awaited<ReturnType<FormsService['list']>> }> {
    return { items: await this.forms.list(appKey) };
  }

  @Post()
  @Roles('designer')
  @ApiCreatedResponse({ description: 'The saved definition with its new version' })
  @ApiUnprocessableEntityResponse({ description: 'form.invalid, with every problem of the definition and its path' })
  async save(@Body() body: SaveFormDto, @CurrentUser() user: AuthenticatedUser): Promise<StoredForm> {
    const saved = await this.dataSource.transaction((manager) =>
      this.forms.save(manager, body.appKey, body.definition, user.id),
    );
    // After the commit: a concurrent index build cannot run inside a transaction.
    await this.indexes.sync(saved.key);
    return saved;
  }

  @Get(':formKey')
  @ApiQuery({ name: 'version', required: false, type: Number })
  async get(
    @Param('formKey') formKey: string,
    @Query('version', new ParseIntPipe({ optional: true })) version?: number,
  ): Promise<StoredForm & { jsonSchema: JsonSchema }> {
    const { compiled, ...stored } = await this.forms.load(formKey, version);
    return { ...stored, jsonSchema: compiled.toJsonSchema() };
  }

  @Get(':formKey/versions')
  async versions(@Param('formKey') formKey: string): Promise<{ items: Awaited<ReturnType<FormsService['versions']>> }> {
    return { items: await this.forms.versions(formKey) };
  }
}
