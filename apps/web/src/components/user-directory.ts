import { useQuery } from '@tanstack/react-query';
import { useApi, useAuth } from '../auth/auth-context';

interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
}

/** A person's display name by user name or id, e.g. 李强（信贷员） for credit_officer. */
export interface UserDirectory {
  users: DirectoryUser[];
  /** Whether the full list of users could be read (only administrators may read it). */
  complete: boolean;
  name(usernameOrId: string | null | undefined): string;
}

/**
 * Display names of users. The list of users is for administrators; everyone else sees their own
 * name and, for other people, their user name.
 */
export function useUserDirectory(): UserDirectory {
  const api = useApi();
  const { session } = useAuth();
  const isAdmin = session?.user.roles.includes('admin') ?? false;
  const list = useQuery({
    queryKey: ['users'],
    queryFn: () => api.request<DirectoryUser[] | { items: DirectoryUser[] }>('/users').then((answer) => (Array.isArray(answer) ? answer : answer.items)),
    enabled: isAdmin,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const users = [...(list.data ?? [])];
  if (session && !users.some((user) => user.id === session.user.id)) users.push(session.user);
  return {
    users,
    complete: list.isSuccess,
    name: (who) => {
      if (!who) return '—';
      const found = users.find((user) => user.username === who || user.id === who);
      return found?.displayName || found?.username || who;
    },
  };
}
