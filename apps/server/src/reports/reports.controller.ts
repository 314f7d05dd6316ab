import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { toCsv, toXlsx } from '@tessera/reports';
import type { Request, Response } from 'express';
import { IsIn, IsObject, IsOptional } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser } from '../auth/decorators';
import { localeFromHeader } from '../core/errors/localized';
import { ReportsService } from './reports.service';

export class RunDatasetDto {
  @ApiPropertyOptional({ description: 'Values of the dataset parameters' })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;
}

export class ExportDatasetQuery {
  @ApiPropertyOptional({ enum: ['csv', 'xlsx'], default: 'csv' })
  @IsOptional()
  @IsIn(['csv', 'xlsx'])
  format?: 'csv' | 'xlsx';
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports/:reportKey')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  async definition(@Param('reportKey') reportKey: string) {
    const { appKey, report } = await this.reports.definition(reportKey);
    return { appKey, definition: report.definition };
  }

  @Post('datasets/:datasetKey/run')
  @HttpCode(200)
  run(
    @Param('reportKey') reportKey: string,
    @Param('datasetKey') datasetKey: string,
    @Body() body: RunDatasetDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.reports.run(reportKey, datasetKey, body.params ?? {}, user);
  }

  @Get('datasets/:datasetKey/export')
  async export(
    @Param('reportKey') reportKey: string,
    @Param('datasetKey') datasetKey: string,
    @Query() query: ExportDatasetQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const format = query.format ?? 'csv';
    const table = await this.reports.export(
      reportKey,
      datasetKey,
      {},
      user,
      localeFromHeader(request.headers['accept-language']),
    );
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, {
        actor: user.id,
        action: 'report.export',
        entityType: 'report',
        entityId: `${reportKey}/${datasetKey}`,
        after: { format, rows: table.rows.length },
      }),
    );
    const filename = `${reportKey}-${datasetKey}.${format}`;
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    if (format === 'xlsx') {
      response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      response.end(await toXlsx([table]));
      return;
    }
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.end(toCsv(table));
  }
}
