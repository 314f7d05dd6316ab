import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { UsersService } from '../users/users.service';
import { AccessTokens, type TokenPair } from './access-tokens';
import type { AuthenticatedUser } from './authenticated-user';
import { LoginRateLimit } from './login-rate-limit';
import { verifyAgainstDecoy, verifyPassword } from './password';

export type SignedIn = TokenPair & { user: AuthenticatedUser };

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly tokens: AccessTokens,
    private readonly rateLimit: LoginRateLimit,
    private readonly audit: AuditService,
  ) {}

  async login(username: string, password: string, ip: string): Promise<SignedIn> {
    await this.rateLimit.check(this.dataSource.manager, username, ip);
    const found = await this.users.findByUsername(this.dataSource.manager, username);
    // The hash check runs outside any transaction: it is slow and must not hold a connection.
    const valid = found ? await verifyPassword(found.passwordHash, password) : await verifyAgainstDecoy(password);
    if (!found || !valid) {
      await this.dataSource.transaction(async (manager) => {
        await this.rateLimit.record(manager, username, ip, false);
        await this.audit.append(manager, {
          actor: found?.id ?? `anonymous:${username}`,
          action: 'auth.login.failed',
          entityType: 'user',
          entityId: found?.id ?? null,
          after: { username, ip },
        });
      });
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'auth.invalidCredentials',
        text('用户名或密码错误', 'Wrong username or password'),
      );
    }
    const { passwordHash: _passwordHash, ...user } = found;
    return this.dataSource.transaction(async (manager) => {
      await this.rateLimit.record(manager, username, ip, true);
      const tokens = await this.tokens.issue(manager, user.id);
      await this.audit.append(manager, {
        actor: user.id,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        after: { ip },
      });
      return { ...tokens, user };
    });
  }

  async refresh(refreshToken: string): Promise<SignedIn> {
    // A reused token revokes its family; that revocation must commit even though the call fails.
    const outcome = await this.dataSource.transaction(async (manager) => {
      try {
        const { userId, tokens } = await this.tokens.rotate(manager, refreshToken);
        const user = await this.users.findAuthenticated(manager, userId);
        return user ? { ...tokens, user } : undefined;
      } catch (error) {
        if (error instanceof ApiError) return error;
        throw error;
      }
    });
    if (outcome instanceof ApiError) throw outcome;
    if (!outcome) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'auth.userInactive',
        text('账号不存在或已停用', 'The account does not exist or is disabled'),
      );
    }
    return outcome;
  }

  async logout(refreshToken: string, user: AuthenticatedUser): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.tokens.revokeFamilyOf(manager, refreshToken);
      await this.audit.append(manager, {
        actor: user.id,
        action: 'auth.logout',
        entityType: 'user',
        entityId: user.id,
      });
    });
  }
}
