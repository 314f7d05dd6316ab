import { useQuery } from '@tanstack/react-query';
import { useApi, useAuth } from '../auth/auth-context';

/** One person as `GET /api/users/directory` lists them. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  /** Global roles; absent for the signed-in user before the directory has loaded. */
  roles?: string[];
}

/** A person's display name by user name or id, e.g. 李强（信贷员） for credit_officer. */
export interface UserDirectory {
  users: DirectoryUser[];
  /** Whether the directory of active users could be read. */
  complete: boolean;
  name(usernameOrId: string | null | undefined): string;
}

/** The directory's people plus the signed-in user, who is always known from the session. */
export function withSignedInUser(users: readonly DirectoryUser[], me: DirectoryUser | undefined): DirectoryUser[] {
  const all = [...users];
  if (me && !all.some((user) => user.id === me.id)) all.push(me);
  return all;
}

/** The display name of a user given by user name or id; the text itself when nobody matches. */
export function displayNameIn(users: readonly DirectoryUser[], who: string | null | undefined): string {
  if (!who) return '—';
  const found = users.find((user) => user.username === who || user.id === who);
  return found?.displayName || found?.username || who;
}

/**
 * Display names of users, from the directory every signed-in user may read (active users with
 * their display names and global roles).
 */
export function useUserDirectory(): UserDirectory {
  const api = useApi();
  const { session } = useAuth();
  const list = useQuery({
    queryKey: ['users', 'directory'],
    queryFn: () => api.request<DirectoryUser[]>('/users/directory'),
    enabled: Boolean(session),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const users = withSignedInUser(list.data ?? [], session?.user);
  return {
    users,
    complete: list.isSuccess,
    name: (who) => displayNameIn(users, who),
  };
}
