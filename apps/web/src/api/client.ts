import type { Locale } from '../i18n/messages';
import { apiErrorFromResponse, networkError } from './api-error';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** What the client needs from its surroundings: the reader's locale and the session tokens. */
export interface ApiClientContext {
  locale(): Locale;
  tokens(): TokenPair | null;
  /** Called with new tokens after a refresh, or null when the session is over. */
  onTokens(tokens: TokenPair | null): void;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  /** Sent as `Idempotency-Key` so a retried write happens once. */
  idempotencyKey?: string;
  /** Raw body (e.g. BPMN XML or a zip), sent as is with this content type. */
  raw?: { body: BodyInit; contentType: string };
  signal?: AbortSignal;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `/api${path}${text ? `?${text}` : ''}`;
}

export function newIdempotencyKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** A thin fetch wrapper: bearer token, Accept-Language, one refresh on 401, typed errors. */
export class ApiClient {
  private refreshing: Promise<boolean> | null = null;

  constructor(private readonly context: ApiClientContext) {}

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, options);
    if (response.status === 401 && this.context.tokens() && !path.startsWith('/auth/')) {
      if (await this.refresh()) return this.parse<T>(await this.send(path, options));
      this.context.onTokens(null);
    }
    return this.parse<T>(response);
  }

  /** Downloads a file answer (exports) as a Blob with the name the server suggests. */
  async download(path: string, options: RequestOptions = {}): Promise<{ blob: Blob; fileName: string | null }> {
    const response = await this.send(path, options);
    if (!response.ok) await this.parse(response);
    const disposition = response.headers.get('content-disposition') ?? '';
    const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    return { blob: await response.blob(), fileName: match ? decodeURIComponent(match[1]!) : null };
  }

  private async send(path: string, options: RequestOptions): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': this.context.locale() };
    const tokens = this.context.tokens();
    if (tokens) headers.Authorization = `Bearer ${tokens.accessToken}`;
    let body: BodyInit | undefined;
    if (options.raw) {
      body = options.raw.body;
      if (options.raw.contentType) headers['Content-Type'] = options.raw.contentType;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] = 'application/json';
    }
    const method = options.method ?? (body === undefined ? 'GET' : 'POST');
    if (method !== 'GET') headers['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
    try {
      return await fetch(buildUrl(path, options.query), { method, headers, body, signal: options.signal });
    } catch (error) {
      if ((error as Error)?.name === 'AbortError') throw error;
      throw networkError(this.context.locale());
    }
  }

  private async parse<T>(response: Response): Promise<T> {
    const text = await response.text();
    let body: unknown = null;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    if (!response.ok) throw apiErrorFromResponse(response.status, body, this.context.locale());
    return body as T;
  }

  private refresh(): Promise<boolean> {
    this.refreshing ??= (async () => {
      const tokens = this.context.tokens();
      if (!tokens) return false;
      try {
        const response = await this.send('/auth/refresh', { method: 'POST', body: { refreshToken: tokens.refreshToken } });
        if (!response.ok) return false;
        const next = (await response.json()) as TokenPair;
        this.context.onTokens({ accessToken: next.accessToken, refreshToken: next.refreshToken });
        return true;
      } catch {
        return false;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }
}
