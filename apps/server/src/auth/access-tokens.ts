import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import type { TesseraConfig } from '../core/config';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { TESSERA_CONFIG } from '../core/tokens';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

interface RefreshRow {
  id: string;
  user_id: string;
  family_id: string;
  token_hash: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

const invalidRefresh = (): ApiError =>
  new ApiError(
    HttpStatus.UNAUTHORIZED,
    'auth.refreshInvalid',
    text('登录已失效，请重新登录', 'The session has ended; sign in again'),
  );

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/**
 * Short-lived JWT access tokens and single-use refresh tokens. A refresh token is `<id>.<secret>`
 * with only the secret's hash stored; using one twice revokes its whole family, since a second use
 * means it was copied.
 */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly jwt: JwtService,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
  ) {}

  async issue(manager: EntityManager, userId: string, familyId: string = randomUUID()): Promise<TokenPair> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    await manager.query(
      `INSERT INTO refresh_token (id, user_id, family_id, token_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [id, userId, familyId, sha256(secret), this.config.refreshTokenTtlSeconds],
    );
    const accessToken = await this.jwt.signAsync(
      { sub: userId, typ: 'access' },
      { expiresIn: this.config.accessTokenTtlSeconds },
    );
    return { accessToken, refreshToken: `${id}.${secret}`, expiresIn: this.config.accessTokenTtlSeconds };
  }

  /** Exchanges a refresh token for a new pair; the caller runs this in a transaction. */
  async rotate(manager: EntityManager, refreshToken: string): Promise<{ userId: string; tokens: TokenPair }> {
    const [id, secret] = refreshToken.split('.');
    if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw invalidRefresh();
    const [row] = (await manager.query(`SELECT * FROM refresh_token WHERE id = $1 FOR UPDATE`, [id])) as RefreshRow[];
    if (!row || row.token_hash !== sha256(secret)) throw invalidRefresh();
    if (row.used_at || row.revoked_at) {
      await manager.query(`UPDATE refresh_token SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [
        row.family_id,
      ]);
      throw invalidRefresh();
    }
    if (new Date(row.expires_at).getTime() <= Date.now()) throw invalidRefresh();
    await manager.query(`UPDATE refresh_token SET used_at = now() WHERE id = $1`, [id]);
    return { userId: row.user_id, tokens: await this.issue(manager, row.user_id, row.family_id) };
  }

  async revokeFamilyOf(manager: EntityManager, refreshToken: string): Promise<void> {
    const [id] = refreshToken.split('.');
    if (!id || !/^[0-9a-f-]{36}$/.test(id)) return;
    await manager.query(
      `UPDATE refresh_token SET revoked_at = now()
       WHERE family_id = (SELECT family_id FROM refresh_token WHERE id = $1) AND revoked_at IS NULL`,
      [id],
    );
  }

  /** The user id an access token was issued to, or why it cannot be used. */
  async verifyAccess(token: string): Promise<string> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; typ: string }>(token);
      if (payload.typ !== 'access' || typeof payload.sub !== 'string') throw new Error('not an access token');
      return payload.sub;
    } catch (error) {
      const expired = error instanceof Error && error.name === 'TokenExpiredError';
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        expired ? 'auth.tokenExpired' : 'auth.tokenInvalid',
        expired
          ? text('登录已过期', 'The access token has expired')
          : text('访问令牌无效', 'The access token is not valid'),
      );
    }
  }
}
