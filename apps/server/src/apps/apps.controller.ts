import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AppPackageError, loadTemplateZip, templateFilesFromText, type TemplateFiles } from '@tessera/app-package';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { AppExportService } from './app-export';
import { AppsService, type ImportOutcome, problemPath } from './apps.service';
import { AuditService } from '../audit/audit.service';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export class ExportAppQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Include the current records as seed data (and the scenarios)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  seed?: 'true' | 'false';
}

export class PublishAppDto {
  @ApiPropertyOptional({ description: 'An installed version; the current one when absent' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  version?: string;
}

const MAX_ZIP_BYTES = 50 * 1024 * 1024;

function readTemplate(load: () => TemplateFiles): TemplateFiles {
  try {
    return load();
  } catch (error) {
    if (error instanceof AppPackageError) {
      throw new ApiError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'app.unreadable',
        text('无法读取模板', 'The template cannot be read'),
        error.problems.map((problem) => ({
          path: problemPath(problem as Parameters<typeof problemPath>[0]),
          code: problem.code,
          message: problem.message,
        })),
      );
    }
    throw error;
  }
}

@ApiTags('apps')
@ApiBearerAuth()
@Controller('apps')
export class AppsController {
  constructor(
    private readonly apps: AppsService,
    private readonly exporter: AppExportService,
    private readonly audit: AuditService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  async list(): Promise<{ items: Awaited<ReturnType<AppsService['list']>> }> {
    return { items: await this.apps.list() };
  }

  @Get(':appKey')
  get(@Param('appKey') appKey: string) {
    return this.apps.get(appKey);
  }

  @Get(':appKey/versions')
  versions(@Param('appKey') appKey: string) {
    return this.apps.versions(appKey);
  }

  @Post(':appKey/publish')
  @HttpCode(200)
  @Roles('admin')
  publish(@Param('appKey') appKey: string, @Body() body: PublishAppDto, @CurrentUser() user: AuthenticatedUser) {
    return this.apps.publish(appKey, body.version, user);
  }

  @Get(':appKey/export')
  @Roles('designer')
  async export(
    @Param('appKey') appKey: string,
    @Query() query: ExportAppQuery,
    @CurrentUser() user: AuthenticatedUser,
    @Res() response: Response,
  ): Promise<void> {
    const seed = query.seed === 'true';
    const { key, version, zip } = await this.exporter.zip(appKey, { seed });
    await this.dataSource.transaction((manager) =>
      this.audit.append(manager, {
        actor: user.id,
        action: 'app.export',
        entityType: 'app',
        entityId: key,
        after: { version, seed, bytes: zip.length },
      }),
    );
    response.setHeader('Content-Type', 'application/zip');
    response.setHeader('Content-Disposition', `attachment; filename="${key}-${version}.zip"`);
    response.end(Buffer.from(zip));
  }

  @Post('import')
  @Roles('admin')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_ZIP_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ description: 'A template zip as the multipart field `file`, or `{ files: { "<path>": "<text>" } }`' })
  @ApiUnprocessableEntityResponse({
    description: 'app.invalid: every problem, its path being `file:path-or-element-id`',
  })
  async import(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Body() body: { files?: Record<string, unknown> } | undefined,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImportOutcome> {
    let files: TemplateFiles;
    if (file) {
      files = readTemplate(() => loadTemplateZip(new Uint8Array(file.buffer)));
    } else if (
      body?.files &&
      typeof body.files === 'object' &&
      Object.values(body.files).every((value) => typeof value === 'string')
    ) {
      const contents = body.files as Record<string, string>;
      files = readTemplate(() => templateFilesFromText(contents));
    } else {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'request.invalid',
        text('请上传模板 zip 或提供 files', 'Upload a template zip or send files'),
        [
          {
            path: 'files',
            code: 'validation.isObject',
            message: text('文件路径到文本内容的对象', 'An object of file paths to text contents'),
          },
        ],
      );
    }
    return this.apps.import(files, user);
  }
}
