import { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/decorators';
import { localeFromHeader } from '../core/errors/localized';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { writeXlsxStream } from '@tessera/reports';
import { csvLines, xlsxExport } from './csv-export';
import { formAccess } from './form-access';
import {
  CreateRecordDto,
  DeleteRecordQuery,
  ExportRecordsQuery,
  ListRecordsQuery,
  UpdateRecordDto,
} from './records.dto';
import { type RecordView, RecordsService } from './records.service';

@ApiTags('records')
@ApiBearerAuth()
@Controller('forms/:formKey/records')
export class RecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  list(@Param('formKey') formKey: string, @Query() query: ListRecordsQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.records.list(formKey, { ...query, page: query.page ?? 1, pageSize: query.pageSize ?? 20 }, user);
  }

  @Get('export')
  async export(
    @Param('formKey') formKey: string,
    @Query() query: ExportRecordsQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? 'csv';
    const { form, audience, count, records } = await this.records.exportInScope(formKey, user);
    const hidden = formAccess(form.compiled, audience).hidden;
    const locale = localeFromHeader(request.headers['accept-language']);
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, {
        actor: user.id,
        action: 'record.export',
        entityType: `record:${form.key}`,
        after: { format, count },
      }),
    );
    if (format === 'xlsx') {
      response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      response.setHeader('Content-Disposition', `attachment; filename="${form.key}.xlsx"`);
      const { columns, rows } = xlsxExport(form.compiled, records, hidden, locale);
      const title = locale === 'en' ? form.definition.title.en : form.definition.title['zh-CN'];
      await writeXlsxStream({ title, columns }, rows, response);
      return;
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${form.key}.csv"`);
    Readable.from(csvLines(form.compiled, records, hidden, locale)).pipe(response);
  }

  @Post()
  @ApiCreatedResponse({ description: 'The record as the caller may see it' })
  @ApiForbiddenResponse({ description: 'record.fieldForbidden lists the fields the caller may not write' })
  @ApiUnprocessableEntityResponse({ description: 'record.invalid lists every problem of the data with its path' })
  create(
    @Param('formKey') formKey: string,
    @Body() body: CreateRecordDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RecordView> {
    return this.records.create(formKey, body.data, user);
  }

  @Get(':id')
  get(
    @Param('formKey') formKey: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RecordView> {
    return this.records.get(formKey, id, user);
  }

  @Patch(':id')
  @ApiConflictResponse({ description: 'record.versionConflict: the record changed since `version`' })
  update(
    @Param('formKey') formKey: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdateRecordDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<RecordView> {
    return this.records.update(formKey, id, body.version, body.data, user);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param('formKey') formKey: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: DeleteRecordQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    await this.records.remove(formKey, id, query.version, user);
  }
}
