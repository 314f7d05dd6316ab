import { createHash } from 'node:crypto';
import { type CallHandler, type ExecutionContext, HttpStatus, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from '../../auth/decorators';
import { canonicalJson } from '../../audit/canonical-json';
import { ApiError } from '../errors/api-error';
import { text } from '../errors/localized';
import { NO_IDEMPOTENCY } from './idempotency.decorator';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/** A request still marked pending after this long is taken to have died with its process. */
const PENDING_TAKEOVER_SECONDS = 60;
export const IDEMPOTENCY_RETENTION_HOURS = 24;

interface StoredKey {
  request_hash: string;
  state: 'pending' | 'done';
  status: number | null;
  body: unknown;
}

/**
 * Honours `Idempotency-Key` on writes: the first request with a key runs and its response is kept
 * for 24 hours; a retry with the same key and the same request gets that response again without
 * running twice, a different request under the same key is refused (422), and a retry while the
 * first is still running gets 409.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (!WRITE_METHODS.has(request.method) || header === undefined) return next.handle();
    if (this.reflector.get<boolean>(NO_IDEMPOTENCY, context.getHandler())) return next.handle();
    const key = Array.isArray(header) ? header[0]! : header;
    if (!KEY_PATTERN.test(key)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'idempotency.keyInvalid',
        text('Idempotency-Key 格式不正确', 'The Idempotency-Key header is not valid'),
        [
          {
            path: 'Idempotency-Key',
            code: 'idempotency.keyInvalid',
            message: text('1 到 255 个可见 ASCII 字符', '1 to 255 visible ASCII characters'),
          },
        ],
      );
    }
    const actor = request.user?.id ?? 'anonymous';
    const requestHash = createHash('sha256')
      .update(canonicalJson([request.method, request.originalUrl, request.body ?? null]))
      .digest('hex');
    const response = context.switchToHttp().getResponse<Response>();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    return from(this.run(actor, key, requestHash, status, response, next));
  }

  private async run(
    actor: string,
    key: string,
    requestHash: string,
    status: number,
    response: Response,
    next: CallHandler,
  ): Promise<unknown> {
    const stored = await this.reserve(actor, key, requestHash);
    if (stored) {
      if (stored.request_hash !== requestHash) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'idempotency.mismatch',
          text('该 Idempotency-Key 已用于另一个请求', 'This Idempotency-Key was used for a different request'),
        );
      }
      if (stored.state === 'pending') {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'idempotency.inProgress',
          text('相同的请求仍在处理中', 'The same request is still being processed'),
        );
      }
      response.setHeader('Idempotent-Replayed', 'true');
      return stored.body ?? undefined;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.dataSource.query(
        `UPDATE idempotency_key SET state = 'done', status = $3, body = $4, completed_at = now() WHERE actor = $1 AND key = $2`,
        [actor, key, status, body === undefined ? null : JSON.stringify(body)],
      );
      return body;
    } catch (error) {
      // A failed request leaves no trace, so the caller may retry it with the same key.
      await this.dataSource.query(`DELETE FROM idempotency_key WHERE actor = $1 AND key = $2 AND state = 'pending'`, [
        actor,
        key,
      ]);
      throw error;
    }
  }

  /** Claims the key for this request; returns what is already stored under it, if anything. */
  private async reserve(actor: string, key: string, requestHash: string): Promise<StoredKey | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `DELETE FROM idempotency_key WHERE actor = $1 AND key = $2
           AND (created_at < now() - make_interval(hours => $3)
                OR (state = 'pending' AND created_at < now() - make_interval(secs => $4)))`,
        [actor, key, IDEMPOTENCY_RETENTION_HOURS, PENDING_TAKEOVER_SECONDS],
      );
      const inserted = (await manager.query(
        `INSERT INTO idempotency_key (actor, key, request_hash, state) VALUES ($1, $2, $3, 'pending')
         ON CONFLICT (actor, key) DO NOTHING RETURNING key`,
        [actor, key, requestHash],
      )) as unknown[];
      if (inserted.length) return undefined;
      const [row] = (await manager.query(
        `SELECT request_hash, state, status, body FROM idempotency_key WHERE actor = $1 AND key = $2`,
        [actor, key],
      )) as StoredKey[];
      return row;
    });
  }
}
