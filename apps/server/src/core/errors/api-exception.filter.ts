import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { LocalizedText } from '@tessera/rules';
import type { Request, Response } from 'express';
import { ApiError } from './api-error';
import { classifyDatabaseError, databaseApiError } from './database-errors';
import { localeFromHeader, text } from './localized';

export interface ErrorBody {
  code: string;
  message: string;
  details: { path: string; code: string; message: string }[];
}

/** What a plain HTTP status means when nothing more specific was said. */
const byStatus: Record<number, { code: string; message: LocalizedText }> = {
  400: { code: 'request.malformed', message: text('请求格式不正确', 'The request is malformed') },
  401: { code: 'auth.required', message: text('请先登录', 'Sign-in required') },
  403: { code: 'forbidden', message: text('没有执行此操作的权限', 'You are not allowed to do this') },
  404: { code: 'notFound', message: text('请求的资源不存在', 'The requested resource does not exist') },
  405: { code: 'request.methodNotAllowed', message: text('不支持该请求方法', 'This method is not allowed here') },
  409: { code: 'conflict', message: text('与当前状态冲突', 'The request conflicts with the current state') },
  413: { code: 'request.tooLarge', message: text('请求体过大', 'The request body is too large') },
  415: { code: 'request.unsupportedMediaType', message: text('不支持的内容类型', 'Unsupported content type') },
  422: { code: 'request.unprocessable', message: text('请求内容无法处理', 'The request cannot be processed') },
  429: { code: 'request.tooMany', message: text('请求过于频繁，请稍后再试', 'Too many requests; try again later') },
  500: { code: 'internal', message: text('服务器内部错误', 'Internal server error') },
};

interface BodyParserError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Turns anything thrown into `{ code, message, details }` in the caller's language. */
export function toApiError(exception: unknown): ApiError {
  if (exception instanceof ApiError) return exception;
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const known = byStatus[status] ?? byStatus[status >= 500 ? 500 : 400]!;
    if (status === 404) {
      return new ApiError(status, 'route.notFound', text('没有这个接口', 'No such endpoint'));
    }
    return new ApiError(status, known.code, known.message);
  }
  const parserError = exception as BodyParserError | null;
  const parserStatus = parserError?.status ?? parserError?.statusCode;
  if (
    parserError &&
    typeof parserStatus === 'number' &&
    parserStatus >= 400 &&
    parserStatus < 500 &&
    parserError.type
  ) {
    const known = byStatus[parserStatus] ?? byStatus[400]!;
    return new ApiError(parserStatus, known.code, known.message);
  }
  // The database went away or could not store a write: a clean 503 the client may retry, never a 500;
  // a value Postgres cannot take as text is the caller's: 400.
  const databaseFailure = classifyDatabaseError(exception);
  if (databaseFailure) return databaseApiError(databaseFailure, exception);
  return new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, byStatus[500]!.code, byStatus[500]!.message);
}

export function renderError(error: ApiError, acceptLanguage: string | string[] | undefined): ErrorBody {
  const locale = localeFromHeader(acceptLanguage);
  return {
    code: error.code,
    message: error.messages[locale],
    details: error.details.map((detail) => ({ path: detail.path, code: detail.code, message: detail.message[locale] })),
  };
}

@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const request = context.getRequest<Request>();
    const response = context.getResponse<Response>();
    const error = toApiError(exception);
    if (error.status === 503) {
      this.logger.warn(`${error.code}: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (error.status >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (response.headersSent) {
      response.end();
      return;
    }
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
    response.status(error.status).json(renderError(error, request.headers['accept-language']));
  }
}
