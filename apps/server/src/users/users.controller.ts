import { Body, Controller, Get, HttpStatus, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalizedText } from '@tessera/rules';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { ApiError } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { CreateUserDto, DirectoryUserDto, SetRolesDto } from './users.dto';
import { type DirectoryUser, UsersService } from './users.service';

const ROLE = /^[a-z][a-z0-9_]{0,63}$/;

function checkAppRoles(appRoles: Record<string, unknown> | undefined): Record<string, string[]> {
  const checked: Record<string, string[]> = {};
  for (const [appKey, roles] of Object.entries(appRoles ?? {})) {
    if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string' && ROLE.test(role))) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'request.invalid',
        text('请求参数不正确', 'The request has invalid values'),
        [
          {
            path: `appRoles.${appKey}`,
            code: 'validation.roles',
            message: text('必须是角色名数组', 'Must be an array of role names'),
          },
        ],
      );
    }
    checked[appKey] = roles as string[];
  }
  return checked;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
  ) {}

  @Get('users')
  @Roles('admin')
  list(): Promise<AuthenticatedUser[]> {
    return this.users.list(this.dataSource.manager);
  }

  @Get('users/directory')
  @ApiOperation({
    summary: 'The user directory',
    description:
      'Active users with their display names and global roles, for any signed-in user; the full user list stays with administrators.',
  })
  @ApiOkResponse({ type: DirectoryUserDto, isArray: true, description: 'Active users by user name' })
  directory(): Promise<DirectoryUser[]> {
    return this.users.directory(this.dataSource.manager);
  }

  @Post('users')
  @Roles('admin')
  create(@Body() body: CreateUserDto, @CurrentUser() actor: AuthenticatedUser): Promise<AuthenticatedUser> {
    const appRoles = checkAppRoles(body.appRoles);
    return this.dataSource.transaction((manager) => this.users.createUser(manager, { ...body, appRoles }, actor.id));
  }

  @Put('users/:id/roles')
  @Roles('admin')
  setRoles(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: SetRolesDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AuthenticatedUser> {
    const appRoles = checkAppRoles(body.appRoles);
    return this.dataSource.transaction((manager) => this.users.setRoles(manager, id, body.roles, appRoles, actor.id));
  }

  @Get('departments')
  departments(): Promise<{ id: string; name: LocalizedText; parentId: string | null }[]> {
    return this.users.listDepartments(this.dataSource.manager);
  }
}
