import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiError, type ApiErrorDetail } from './api-error';
import { renderError } from './api-exception.filter';
import { text } from './localized';

const MAX_DEPTH = 64;

function findNul(value: unknown, path: string, found: ApiErrorDetail[], depth = 0): void {
  if (found.length >= 20 || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) {
      found.push({ path, code: 'text.nulCharacter', message: text('包含不允许的空字符（\\u0000）', 'Contains a NUL character (\\u0000), which is not allowed') });
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => findNul(item, `${path}[${index}]`, found, depth + 1));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) findNul(key, at, found, depth + 1);
      findNul(item, at, found, depth + 1);
    }
  }
}

/**
 * Postgres cannot store a NUL character in text or JSONB; a request carrying one in its URL, query
 * or body is refused up front with the path of each, instead of failing in the database.
 */
export function refuseNulCharacters(request: Request, response: Response, next: NextFunction): void {
  const found: ApiErrorDetail[] = [];
  let decodedPath = request.path;
  try {
    decodedPath = decodeURIComponent(request.path);
  } catch {
    // A malformed escape is the router's business (it answers 400).
  }
  findNul(decodedPath, 'url', found);
  findNul(request.query, 'query', found);
  if (typeof request.body === 'object' || typeof request.body === 'string') findNul(request.body, '', found);
  if (!found.length) return next();
  const error = new ApiError(
    HttpStatus.BAD_REQUEST,
    'request.nulCharacter',
    text('请求包含不允许的空字符（\\u0000）', 'The request contains NUL characters (\\u0000), which are not allowed'),
    found.map((detail) => ({ ...detail, path: detail.path || 'body' })),
  );
  response.status(error.status).json(renderError(error, request.headers['accept-language']));
}
