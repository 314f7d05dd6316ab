import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './api-error';
import { renderError } from './api-exception.filter';
import { text } from './localized';

/** The body types the API reads: JSON everywhere, BPMN as XML, template zips as multipart uploads. */
const ACCEPTED = [/^application\/json$/, /^application\/[\w.+-]+\+json$/, /^application\/xml$/, /^text\/xml$/, /^multipart\/form-data$/];

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * Refuses a request body the API would not read with 415, before any handler runs. Without this a
 * body sent as text/plain would reach the handler as an empty object, and an endpoint whose fields
 * are all optional would act on it as if nothing had been sent.
 */
export function refuseUnreadableBodies(request: Request, response: Response, next: NextFunction): void {
  if (!hasBody(request)) return next();
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (ACCEPTED.some((pattern) => pattern.test(type))) return next();
  const error = new ApiError(
    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
    'request.unsupportedMediaType',
    text(
      `不支持的内容类型 "${type || '（未指定）'}"：请以 application/json 发送`,
      `Unsupported content type "${type || '(none)'}": send application/json`,
    ),
    [{ path: 'Content-Type', code: 'contentType.unsupported', message: text('应为 application/json', 'Expected application/json') }],
  );
  response.status(error.status).json(renderError(error, request.headers['accept-language']));
}
