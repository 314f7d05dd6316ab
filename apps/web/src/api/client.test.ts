import { ApiClient, buildUrl, type TokenPair } from './client';
import { ApiError } from './api-error';

interface Call {
  url: string;
  init: RequestInit;
}

function fakeServer(answers: Array<(call: Call) => Response>) {
  const calls: Call[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected call ${url}`);
    return answer(call);
  }) as typeof fetch;
  return { calls, restore: () => (globalThis.fetch = original) };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('the API client', () => {
  let tokens: TokenPair | null;
  const client = () =>
    new ApiClient({ locale: () => 'en', tokens: () => tokens, onTokens: (next) => (tokens = next) });

  beforeEach(() => {
    tokens = { accessToken: 'a1', refreshToken: 'r1' };
  });

  it('builds query strings without empty values', () => {
    expect(buildUrl('/tasks', { view: 'mine', page: 2, q: '', x: undefined })).toBe('/api/tasks?view=mine&page=2');
  });

  it('sends the bearer token, the locale and an idempotency key on writes', async () => {
    const server = fakeServer([() => json(201, { id: 'r-1' })]);
    try {
      await expect(client().request('/forms/a/records', { body: { data: {} } })).resolves.toEqual({ id: 'r-1' });
      const headers = server.calls[0]!.init.headers as Record<string, string>;
      expect(server.calls[0]!.init.method).toBe('POST');
      expect(headers.Authorization).toBe('Bearer a1');
      expect(headers['Accept-Language']).toBe('en');
      expect(headers['Idempotency-Key']).toMatch(/\S{8,}/);
    } finally {
      server.restore();
    }
  });

  it('refreshes the tokens once on 401 and repeats the call', async () => {
    const server = fakeServer([
      () => json(401, { code: 'auth.expired', message: 'expired' }),
      () => json(200, { accessToken: 'a2', refreshToken: 'r2' }),
      (call) => json(200, { auth: (call.init.headers as Record<string, string>).Authorization }),
    ]);
    try {
      await expect(client().request('/tasks')).resolves.toEqual({ auth: 'Bearer a2' });
      expect(tokens).toEqual({ accessToken: 'a2', refreshToken: 'r2' });
      expect(server.calls[1]!.url).toBe('/api/auth/refresh');
    } finally {
      server.restore();
    }
  });

  it('ends the session when the refresh is refused', async () => {
    const server = fakeServer([() => json(401, { code: 'auth.expired', message: 'expired' }), () => json(401, { code: 'auth.invalid', message: 'no' })]);
    try {
      await expect(client().request('/tasks')).rejects.toMatchObject({ status: 401, code: 'auth.expired' });
      expect(tokens).toBeNull();
    } finally {
      server.restore();
    }
  });

  it('turns a refused call into an ApiError carrying the server’s body', async () => {
    const server = fakeServer([() => json(409, { code: 'record.versionConflict', message: 'changed by someone else' })]);
    try {
      const error = await client().request('/forms/a/records/1', { method: 'PATCH', body: { version: 1 } }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 409, code: 'record.versionConflict', message: 'changed by someone else' });
    } finally {
      server.restore();
    }
  });

  it('reports an unreachable server as a network error', async () => {
    const server = fakeServer([() => { throw new TypeError('Failed to fetch'); }]);
    try {
      await expect(client().request('/tasks')).rejects.toMatchObject({ status: 0, code: 'network.unreachable' });
    } finally {
      server.restore();
    }
  });
});
