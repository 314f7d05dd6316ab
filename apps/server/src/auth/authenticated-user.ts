import { GLOBAL_APP } from '../users/user-role.entity';

/** The signed-in caller as every guard and service sees it. */
export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  departmentId: string | null;
  /** Roles held in every app. */
  roles: string[];
  /** Roles held in one app only, by app key. */
  appRoles: Record<string, string[]>;
}

/** The roles that count for the user in an app: global roles plus that app's roles. */
export function rolesIn(user: AuthenticatedUser, appKey?: string): string[] {
  if (!appKey || appKey === GLOBAL_APP) return user.roles;
  return [...new Set([...user.roles, ...(user.appRoles[appKey] ?? [])])];
}

export const ADMIN_ROLE = 'admin';
