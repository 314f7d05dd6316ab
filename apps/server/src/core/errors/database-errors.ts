import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';
import { text } from './localized';

/** Seconds a client is asked to wait before trying again when the database is away or full. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
export const DATABASE_WRITE_RETRY_AFTER_SECONDS = 30;

export type DatabaseFailure = 'unavailable' | 'writeFailed' | 'invalidValue';

/** Socket-level failures of the connection to Postgres, as node reports them. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs that say the server or the connection went away: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
 */
function isUnavailableState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

/** SQLSTATEs of a write the database could not store: 53100 disk_full, 53200 out_of_memory, 58030 io_error. */
function isWriteFailedState(code: string): boolean {
  return code === '53100' || code === '53200' || code === '58030';
}

/**
 * SQLSTATEs of a value the database cannot take as text: 22P05 untranslatable_character (a NUL in
 * JSONB), 22021 character_not_in_repertoire, 22P02 invalid_text_representation. They come from a
 * caller's value that slipped past validation (say a NUL inside a JSON filter), so they are a 400.
 */
function isInvalidValueState(code: string): boolean {
  return code === '22P05' || code === '22021' || code === '22P02';
}

/** Messages node-postgres and its pool use for a connection that died or never came. */
const unavailableMessages = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

function codeOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Whether an error thrown by a query means the database is unreachable or could not store a write.
 * TypeORM wraps driver errors in QueryFailedError with `driverError`; node may wrap socket errors in
 * an AggregateError (one per address tried) or give them as `cause`. Anything else is not ours.
 */
export function classifyDatabaseError(error: unknown, depth = 0): DatabaseFailure | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const code = codeOf(error);
  if (code) {
    if (socketCodes.has(code) || isUnavailableState(code)) return 'unavailable';
    if (isWriteFailedState(code)) return 'writeFailed';
    if (isInvalidValueState(code)) return 'invalidValue';
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && unavailableMessages.some((pattern) => pattern.test(message))) {
    return 'unavailable';
  }
  const nested: unknown[] = [
    (error as { driverError?: unknown }).driverError,
    (error as { cause?: unknown }).cause,
    ...((error as { errors?: unknown }).errors instanceof Array ? (error as { errors: unknown[] }).errors : []),
  ];
  for (const inner of nested) {
    if (inner && inner !== error) {
      const found = classifyDatabaseError(inner, depth + 1);
      if (found) return found;
    }
  }
  return undefined;
}

/** The API error for a database failure: 503 with Retry-After (400 for a bad value), the SQLSTATE or socket code in details. */
export function databaseApiError(failure: DatabaseFailure, error: unknown): ApiError {
  const code = findCode(error) ?? 'unknown';
  if (failure === 'invalidValue') {
    return new ApiError(
      HttpStatus.BAD_REQUEST,
      'request.invalidValue',
      text('请求中的某个值无法作为文本保存或比较（例如包含空字符）', 'A value in the request cannot be stored or compared as text (a NUL character, say)'),
      [{ path: '', code: `sqlstate.${code}`, message: text(`数据库错误代码 ${code}`, `Database error code ${code}`) }],
    );
  }
  if (failure === 'writeFailed') {
    return new ApiError(
      HttpStatus.SERVICE_UNAVAILABLE,
      'database.writeFailed',
      text('数据库暂时无法保存数据（存储空间或内存不足），未写入任何内容，请稍后重试', 'The database cannot store data right now (out of disk space or memory); nothing was written, try again later'),
      [{ path: '', code: `sqlstate.${code}`, message: text(`数据库错误代码 ${code}`, `Database error code ${code}`) }],
      { 'Retry-After': String(DATABASE_WRITE_RETRY_AFTER_SECONDS) },
    );
  }
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'database.unavailable',
    text('数据库暂时不可用，请求未执行，请稍后重试', 'The database is unavailable right now; the request was not carried out, try again later'),
    [{ path: '', code: `connection.${code}`, message: text(`连接错误代码 ${code}`, `Connection error code ${code}`) }],
    { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  );
}

function findCode(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const code = codeOf(error);
  if (code) return code;
  const inner = (error as { driverError?: unknown }).driverError ?? (error as { cause?: unknown }).cause;
  if (inner) return findCode(inner, depth + 1);
  const errors = (error as { errors?: unknown }).errors;
  return errors instanceof Array ? findCode(errors[0], depth + 1) : undefined;
}
