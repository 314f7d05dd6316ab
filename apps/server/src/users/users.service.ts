import { randomUUID } from 'node:crypto';
import { HttpStatus, Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LocalizedText } from '@tessera/rules';
import { DataSource, type EntityManager } from 'typeorm';
import { TESSERA_CONFIG } from '../core/tokens';
import type { TesseraConfig } from '../core/config';
import { ApiError, notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { hashPassword } from '../auth/password';
import { demoDepartments, DEMO_PASSWORD, demoUsers } from './demo-users';
import { GLOBAL_APP } from './user-role.entity';

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  departmentId?: string | null;
  roles?: string[];
  appRoles?: Record<string, string[]>;
}

/** A person in the user directory (`GET /api/users/directory`). */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  department_id: string | null;
  active: boolean;
  password_hash: string;
}

export const USERNAME_PATTERN = /^[A-Za-z0-9_.@-]{2,64}$/;
const DEMO_SEEDED = 'demo.seeded';

@Injectable()
export class UsersService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TESSERA_CONFIG) private readonly config: TesseraConfig,
    private readonly audit: AuditService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.seedDemoUsers) await this.seedDemoUsers();
  }

  /** Seeds the demo people once per database; the setting row makes a second process skip it. */
  async seedDemoUsers(): Promise<boolean> {
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      const claimed = (await manager.query(
        `INSERT INTO system_setting (key, value) VALUES ($1, 'true'::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`,
        [DEMO_SEEDED],
      )) as unknown[];
      if (claimed.length === 0) return false;
      for (const department of demoDepartments) {
        await this.ensureDepartment(manager, department.id, department.name, department.parentId);
      }
      for (const user of demoUsers) {
        const exists = (await manager.query(`SELECT 1 FROM app_user WHERE username = $1`, [
          user.username,
        ])) as unknown[];
        if (exists.length) continue;
        await this.insertUser(manager, { ...user, password: DEMO_PASSWORD }, passwordHash, 'system');
      }
      return true;
    });
  }

  async ensureDepartment(
    manager: EntityManager,
    id: string,
    name: LocalizedText,
    parentId: string | null = null,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO department (id, name, parent_id) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
      [id, JSON.stringify(name), parentId],
    );
  }

  async createUser(manager: EntityManager, user: NewUser, actor: string): Promise<AuthenticatedUser> {
    if (!USERNAME_PATTERN.test(user.username)) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'user.usernameInvalid',
        text('用户名格式不正确', 'The username is not valid'),
        [
          {
            path: 'username',
            code: 'user.usernameInvalid',
            message: text('2 到 64 个字母、数字或 _.@-', '2 to 64 letters, digits or _.@-'),
          },
        ],
      );
    }
    if (user.password.length < 8) {
      throw new ApiError(
        HttpStatus.BAD_REQUEST,
        'user.passwordTooShort',
        text('密码至少 8 位', 'The password needs at least 8 characters'),
        [{ path: 'password', code: 'user.passwordTooShort', message: text('密码至少 8 位', 'At least 8 characters') }],
      );
    }
    const taken = (await manager.query(`SELECT 1 FROM app_user WHERE username = $1`, [user.username])) as unknown[];
    if (taken.length) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'user.usernameTaken',
        text('用户名已被使用', 'The username is already taken'),
        [{ path: 'username', code: 'user.usernameTaken', message: text('用户名已被使用', 'Already taken') }],
      );
    }
    if (user.departmentId) {
      const department = (await manager.query(`SELECT 1 FROM department WHERE id = $1`, [
        user.departmentId,
      ])) as unknown[];
      if (!department.length) {
        throw new ApiError(
          HttpStatus.UNPROCESSABLE_ENTITY,
          'user.departmentUnknown',
          text('部门不存在', 'No such department'),
          [{ path: 'departmentId', code: 'user.departmentUnknown', message: text('部门不存在', 'No such department') }],
        );
      }
    }
    return this.insertUser(manager, user, await hashPassword(user.password), actor);
  }

  private async insertUser(
    manager: EntityManager,
    user: NewUser,
    passwordHash: string,
    actor: string,
  ): Promise<AuthenticatedUser> {
    const id = randomUUID();
    await manager.query(
      `INSERT INTO app_user (id, username, display_name, password_hash, department_id) VALUES ($1, $2, $3, $4, $5)`,
      [id, user.username, user.displayName, passwordHash, user.departmentId ?? null],
    );
    await this.writeRoles(manager, id, user.roles ?? [], user.appRoles ?? {});
    const created = await this.findAuthenticated(manager, id);
    await this.audit.append(manager, {
      actor,
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: created,
    });
    return created!;
  }

  /** Replaces a user's roles; audited as a permission change. */
  async setRoles(
    manager: EntityManager,
    userId: string,
    roles: string[],
    appRoles: Record<string, string[]>,
    actor: string,
  ): Promise<AuthenticatedUser> {
    const before = await this.findAuthenticated(manager, userId);
    if (!before) throw notFound(text('用户不存在', 'No such user'), 'user.notFound');
    await manager.query(`DELETE FROM user_role WHERE user_id = $1`, [userId]);
    await this.writeRoles(manager, userId, roles, appRoles);
    const after = (await this.findAuthenticated(manager, userId))!;
    await this.audit.append(manager, {
      actor,
      action: 'user.roles.set',
      entityType: 'user',
      entityId: userId,
      before: { roles: before.roles, appRoles: before.appRoles },
      after: { roles: after.roles, appRoles: after.appRoles },
    });
    return after;
  }

  private async writeRoles(
    manager: EntityManager,
    userId: string,
    roles: string[],
    appRoles: Record<string, string[]>,
  ): Promise<void> {
    const pairs: [string, string][] = [
      ...roles.map((role): [string, string] => [GLOBAL_APP, role]),
      ...Object.entries(appRoles).flatMap(([appKey, list]) => list.map((role): [string, string] => [appKey, role])),
    ];
    for (const [appKey, role] of pairs) {
      await manager.query(`INSERT INTO user_role (user_id, app_key, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        userId,
        appKey,
        role,
      ]);
    }
  }

  /** The active user with their roles, in one query: it runs on every authenticated request. */
  async findAuthenticated(manager: EntityManager, id: string): Promise<AuthenticatedUser | undefined> {
    const [row] = (await manager.query(
      `SELECT u.*, coalesce((
         SELECT json_agg(json_build_object('user_id', r.user_id, 'app_key', r.app_key, 'role', r.role) ORDER BY r.role)
         FROM user_role AS r WHERE r.user_id = u.id), '[]') AS roles
       FROM app_user AS u WHERE u.id = $1 AND u.active`,
      [id],
    )) as (UserRow & { roles: RoleRow[] })[];
    return row ? toAuthenticated(row, row.roles) : undefined;
  }

  async findByUsername(
    manager: EntityManager,
    username: string,
  ): Promise<(AuthenticatedUser & { passwordHash: string }) | undefined> {
    const [row] = (await manager.query(`SELECT * FROM app_user WHERE username = $1 AND active`, [
      username,
    ])) as UserRow[];
    return row ? { ...(await this.withRoles(manager, row)), passwordHash: row.password_hash } : undefined;
  }

  async list(manager: EntityManager): Promise<AuthenticatedUser[]> {
    const rows = (await manager.query(`SELECT * FROM app_user ORDER BY username`)) as UserRow[];
    const roles = (await manager.query(`SELECT user_id, app_key, role FROM user_role ORDER BY role`)) as RoleRow[];
    return rows.map((row) =>
      toAuthenticated(
        row,
        roles.filter((role) => role.user_id === row.id),
      ),
    );
  }

  /**
   * Active users with only what names them and their global roles, for everyone signed in: no
   * password hash, department or per-app roles.
   */
  async directory(manager: EntityManager): Promise<DirectoryUser[]> {
    const rows = (await manager.query(
      `SELECT id, username, display_name FROM app_user WHERE active ORDER BY username`,
    )) as Pick<UserRow, 'id' | 'username' | 'display_name'>[];
    const roles = (await manager.query(
      `SELECT user_id, role FROM user_role WHERE app_key = $1 ORDER BY role`,
      [GLOBAL_APP],
    )) as Pick<RoleRow, 'user_id' | 'role'>[];
    const byUser = new Map<string, string[]>();
    for (const role of roles) {
      const list = byUser.get(role.user_id);
      if (list) list.push(role.role);
      else byUser.set(role.user_id, [role.role]);
    }
    return rows.map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: byUser.get(row.id) ?? [],
    }));
  }

  async listDepartments(
    manager: EntityManager,
  ): Promise<{ id: string; name: LocalizedText; parentId: string | null }[]> {
    const rows = (await manager.query(`SELECT id, name, parent_id FROM department ORDER BY id`)) as {
      id: string;
      name: LocalizedText;
      parent_id: string | null;
    }[];
    return rows.map((row) => ({ id: row.id, name: row.name, parentId: row.parent_id }));
  }

  private async withRoles(manager: EntityManager, row: UserRow): Promise<AuthenticatedUser> {
    const roles = (await manager.query(
      `SELECT user_id, app_key, role FROM user_role WHERE user_id = $1 ORDER BY role`,
      [row.id],
    )) as RoleRow[];
    return toAuthenticated(row, roles);
  }
}

interface RoleRow {
  user_id: string;
  app_key: string;
  role: string;
}

function toAuthenticated(row: UserRow, roles: RoleRow[]): AuthenticatedUser {
  const appRoles: Record<string, string[]> = {};
  for (const role of roles) {
    if (role.app_key !== GLOBAL_APP) (appRoles[role.app_key] ??= []).push(role.role);
  }
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    departmentId: row.department_id,
    roles: roles.filter((role) => role.app_key === GLOBAL_APP).map((role) => role.role),
    appRoles,
  };
}
