import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ApiError, forbidden } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { UsersService } from '../users/users.service';
import { AccessTokens } from './access-tokens';
import { ADMIN_ROLE } from './authenticated-user';
import { type AuthenticatedRequest, IS_PUBLIC, REQUIRED_ROLES } from './decorators';

/**
 * Every route needs a valid access token unless marked `@Public()`. The user is reloaded on each
 * request, so a deactivated account or a changed role takes effect at once.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokens,
    private readonly users: UsersService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw new ApiError(HttpStatus.UNAUTHORIZED, 'auth.required', text('请先登录', 'Sign-in required'));
    }
    const userId = await this.tokens.verifyAccess(match[1]!);
    const user = await this.users.findAuthenticated(this.dataSource.manager, userId);
    if (!user) {
      throw new ApiError(
        HttpStatus.UNAUTHORIZED,
        'auth.userInactive',
        text('账号不存在或已停用', 'The account does not exist or is disabled'),
      );
    }
    request.user = user;
    const required = this.reflector.getAllAndOverride<string[] | undefined>(REQUIRED_ROLES, targets);
    if (required?.length && !user.roles.includes(ADMIN_ROLE) && !required.some((role) => user.roles.includes(role))) {
      throw forbidden(
        'auth.roleRequired',
        text(`需要以下角色之一：${required.join('、')}`, `Requires one of the roles: ${required.join(', ')}`),
      );
    }
    return true;
  }
}
