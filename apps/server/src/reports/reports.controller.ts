import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { toCsv, toXlsx } from '@tessera/reports';
import type { Request, Response } from 'express';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
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

export class RunDashboardDto {
  @ApiPropertyOptional({ description: 'Values of the dashboard filters, by filter key; absent ones take their default' })
  @IsOptional()
  @IsObject()
  filters?: Record<string, unknown>;
}

export class DrillDto {
  @ApiProperty({ description: 'The key of the clicked panel, as the dashboard run returned it' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  panel!: string;

  @ApiProperty({ description: 'The clicked point: dimension key to its value (a range key, a bucket first day, a value)' })
  @IsObject()
  point!: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'The dashboard filter values in effect' })
  @IsOptional()
  @IsObject()
  filters?: Record<string, unknown>;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOkResponse({ description: 'The latest version of every report with its datasets, charts and dashboards' })
  list() {
    return this.reports.list();
  }

  @Get('sources')
  @ApiOkResponse({ description: 'What a designer may build a dataset on, with the fields the caller may read' })
  sources(@CurrentUser() user: AuthenticatedUser) {
    return this.reports.sources(user);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiBody({ description: '`{ dataset, chart?, params? }`: a dataset as in a report; a chart without its dataset key' })
  @ApiOkResponse({ description: '`{ columns, rows, option?, kpi?, table? }`' })
  @ApiUnprocessableEntityResponse({ description: 'report.previewInvalid: every problem, paths under `dataset.` and `chart.`' })
  preview(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    return this.reports.preview(body, user, localeFromHeader(request.headers['accept-language']));
  }

  @Post()
  @ApiBody({ description: 'A whole report definition `{ key, title, datasets, charts?, dashboards? }`, optionally `appKey`' })
  @ApiCreatedResponse({ description: '`{ key, version, appKey }`: stored as the next version' })
  @ApiForbiddenResponse({ description: 'report.saveForbidden: only designers and admins save reports' })
  @ApiUnprocessableEntityResponse({ description: 'report.invalid: every problem of the definition with its path' })
  save(@Body() body: unknown, @CurrentUser() user: AuthenticatedUser) {
    return this.reports.save(body, user);
  }

  @Get(':reportKey')
  async definition(@Param('reportKey') reportKey: string) {
    const { appKey, version, report } = await this.reports.definition(reportKey);
    return { appKey, version, definition: report.definition };
  }

  @Get(':reportKey/versions')
  async versions(@Param('reportKey') reportKey: string) {
    return { items: await this.reports.versions(reportKey) };
  }

  @Post(':reportKey/dashboards/:dashboardKey/run')
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ key, title, filters, panels: [{ key, title, chart, type, layout, option, kpi?, table?, rows, error? }] }`' })
  runDashboard(
    @Param('reportKey') reportKey: string,
    @Param('dashboardKey') dashboardKey: string,
    @Body() body: RunDashboardDto,
    @CurrentUser() user: AuthenticatedUser,
    @Req() request: Request,
  ) {
    return this.reports.runDashboard(
      reportKey,
      dashboardKey,
      body.filters ?? {},
      user,
      localeFromHeader(request.headers['accept-language']),
    );
  }

  @Post(':reportKey/dashboards/:dashboardKey/drill')
  @HttpCode(200)
  @ApiOkResponse({ description: '`{ formKey, filter }`: the record list to show, as `GET /forms/:formKey/records?filter=`' })
  drill(
    @Param('reportKey') reportKey: string,
    @Param('dashboardKey') dashboardKey: string,
    @Body() body: DrillDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.reports.drill(reportKey, dashboardKey, body.panel, body.point, body.filters ?? {}, user);
  }

  @Post(':reportKey/datasets/:datasetKey/run')
  @HttpCode(200)
  run(
    @Param('reportKey') reportKey: string,
    @Param('datasetKey') datasetKey: string,
    @Body() body: RunDatasetDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.reports.run(reportKey, datasetKey, body.params ?? {}, user);
  }

  @Get(':reportKey/datasets/:datasetKey/export')
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
