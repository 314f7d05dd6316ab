import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import { useLocale } from '../i18n/locale-context';
import { loadSession, saveSession, type Session } from './session';

interface AuthState {
  session: Session | null;
  api: ApiClient;
  login(username: string, password: string): Promise<Session>;
  logout(): void;
  hasRole(...roles: string[]): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale } = useLocale();
  const [session, setSession] = useState<Session | null>(() => loadSession(localStorage));
  // The client lives as long as the app; it reads the current locale and session through refs.
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const update = (next: Session | null) => {
    sessionRef.current = next;
    saveSession(localStorage, next);
    setSession(next);
  };

  const [api] = useState(
    () =>
      new ApiClient({
        locale: () => localeRef.current,
        tokens: () => sessionRef.current,
        onTokens: (tokens) => update(tokens && sessionRef.current ? { ...sessionRef.current, ...tokens } : null),
      }),
  );

  const value = useMemo<AuthState>(
    () => ({
      session,
      api,
      async login(username, password) {
        const answer = await api.request<Session>('/auth/login', { method: 'POST', body: { username, password } });
        const next: Session = { accessToken: answer.accessToken, refreshToken: answer.refreshToken, user: answer.user };
        update(next);
        return next;
      },
      logout() {
        update(null);
      },
      hasRole(...roles) {
        return !!session && roles.some((role) => session.user.roles.includes(role));
      },
    }),
    [session, api],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth must be used inside <AuthProvider>');
  return state;
}

export function useApi(): ApiClient {
  return useAuth().api;
}
