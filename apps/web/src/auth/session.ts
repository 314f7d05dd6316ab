import type { TokenPair } from '../api/client';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  departmentId?: string | null;
}

export interface Session extends TokenPair {
  user: SessionUser;
}

const STORAGE_KEY = 'tessera.session';

function isSession(value: unknown): value is Session {
  const session = value as Session;
  return (
    typeof session === 'object' &&
    session !== null &&
    typeof session.accessToken === 'string' &&
    typeof session.refreshToken === 'string' &&
    typeof session.user?.username === 'string' &&
    Array.isArray(session.user.roles)
  );
}

/** The stored session, or null when there is none or it is unreadable (then it is removed). */
export function loadSession(storage: Pick<Storage, 'getItem' | 'removeItem'>): Session | null {
  const text = storage.getItem(STORAGE_KEY);
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (isSession(value)) return value;
  } catch {
    // falls through: a damaged entry is dropped like an invalid one
  }
  storage.removeItem(STORAGE_KEY);
  return null;
}

export function saveSession(storage: Pick<Storage, 'setItem' | 'removeItem'>, session: Session | null): void {
  if (session) storage.setItem(STORAGE_KEY, JSON.stringify(session));
  else storage.removeItem(STORAGE_KEY);
}
