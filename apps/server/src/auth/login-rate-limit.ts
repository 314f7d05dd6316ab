import { HttpStatus, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';

/** Failed sign-ins allowed per account within the window (since its last success). */
export const MAX_FAILURES_PER_USERNAME = 5;
/** Failed sign-ins allowed per client address within the window; a branch may share one address. */
export const MAX_FAILURES_PER_IP = 50;
export const WINDOW_SECONDS = 15 * 60;

/**
 * Counts failed sign-ins in the database, so the limit holds across every server process.
 */
@Injectable()
export class LoginRateLimit {
  async check(manager: EntityManager, username: string, ip: string): Promise<void> {
    const [counts] = (await manager.query(
      `SELECT
         (SELECT count(*) FROM login_attempt
           WHERE username = $1 AND NOT succeeded AND at > now() - make_interval(secs => $3)
             AND at > coalesce((SELECT max(at) FROM login_attempt WHERE username = $1 AND succeeded), '-infinity')) AS by_username,
         (SELECT count(*) FROM login_attempt
           WHERE ip = $2 AND NOT succeeded AND at > now() - make_interval(secs => $3)) AS by_ip`,
      [username, ip, WINDOW_SECONDS],
    )) as { by_username: number; by_ip: number }[];
    if (Number(counts!.by_username) >= MAX_FAILURES_PER_USERNAME || Number(counts!.by_ip) >= MAX_FAILURES_PER_IP) {
      throw new ApiError(
        HttpStatus.TOO_MANY_REQUESTS,
        'auth.tooManyAttempts',
        text('登录失败次数过多，请 15 分钟后再试', 'Too many failed sign-ins; try again in 15 minutes'),
        [],
        { 'Retry-After': String(WINDOW_SECONDS) },
      );
    }
  }

  async record(manager: EntityManager, username: string, ip: string, succeeded: boolean): Promise<void> {
    await manager.query(`INSERT INTO login_attempt (username, ip, succeeded) VALUES ($1, $2, $3)`, [
      username,
      ip,
      succeeded,
    ]);
  }
}
