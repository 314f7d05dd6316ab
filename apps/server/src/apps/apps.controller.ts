import { Body, Controller, Get, HttpStatus, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { AppPackageError, loadTemplateZip, templateFilesFromText, type TemplateFiles } from '@tessera/app-package';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { AppsService, type ImportOutcome, problemPath } from './apps.service';

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
  constructor(private readonly apps: AppsService) {}

  @Get()
  async list(): Promise<{ items: Awaited<ReturnType<AppsService['list']>> }> {
    return { items: await this.apps.list() };
  }

  @Get(':appKey')
  get(@Param('appKey') appKey: string) {
    return this.apps.get(appKey);
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
