/** A signed-in demo user talking to the server over HTTP, as the studio and the runtime do. */
export const demoPassword = 'Tessera@2026';

export interface ApiResponse {
  status: number;
  body: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly request: string,
    readonly response: ApiResponse,
  ) {
    super(`${request} answered ${response.status}: ${describeBody(response.body)}`);
  }
}

export function describeBody(body: unknown): string {
  if (body && typeof body === 'object' && 'code' in body) {
    const error = body as { code: string; message?: string; details?: { path?: string; message?: string }[] };
    const details = (error.details ?? []).slice(0, 3).map((detail) => `${detail.path ?? ''} ${detail.message ?? ''}`.trim());
    return [`${error.code} ${error.message ?? ''}`.trim(), ...details].join('; ');
  }
  return JSON.stringify(body)?.slice(0, 300) ?? '';
}

export interface Session {
  userId: string;
  username: string;
  roles: string[];
  /** Any status; the caller decides what counts as a refusal. */
  send(method: string, path: string, body?: unknown): Promise<ApiResponse>;
  /** A 2xx answer's body, or an ApiError. */
  call<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export class ServerApi {
  private readonly sessions = new Map<string, Promise<Session>>();

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body: unknown, token?: string): Promise<ApiResponse> {
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: { 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (a CSV export, a plain-text proxy error): kept as text.
    }
    return { status: response.status, body: parsed };
  }

  /** Signs a demo user in once per run; access tokens outlive a scenario run. */
  as(username: string): Promise<Session> {
    let session = this.sessions.get(username);
    if (!session) {
      session = this.signIn(username);
      this.sessions.set(username, session);
      session.catch(() => this.sessions.delete(username));
    }
    return session;
  }

  private async signIn(username: string): Promise<Session> {
    const login = await this.request('POST', '/auth/login', { username, password: demoPassword });
    if (login.status !== 200) throw new ApiError(`sign-in as ${username}`, login);
    const { accessToken, user } = login.body as { accessToken: string; user: { id: string; roles: string[] } };
    const send = (method: string, path: string, body?: unknown) => this.request(method, path, body, accessToken);
    return {
      userId: user.id,
      username,
      roles: user.roles,
      send,
      call: async <T>(method: string, path: string, body?: unknown): Promise<T> => {
        const response = await send(method, path, body);
        if (response.status < 200 || response.status >= 300) throw new ApiError(`${username}: ${method} ${path}`, response);
        return response.body as T;
      },
    };
  }
}
