import type { Locale } from '../i18n/messages';

/** One problem inside an error answer, e.g. a field of a record that breaks a rule. */
export interface ApiProblemDetail {
  path?: string;
  elementId?: string;
  file?: string;
  code: string;
  message: string;
}

/** The error shape every endpoint answers with (docs/api.md). */
export interface ApiErrorBody {
  code: string;
  message: string;
  details?: ApiProblemDetail[];
}

/** A failed API call: the HTTP status and the server's error body, or one made up for a network failure. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }

  get code(): string {
    return this.body.code;
  }

  get details(): ApiProblemDetail[] {
    return this.body.details ?? [];
  }
}

const fallbackMessages: Record<string, Record<Locale, string>> = {
  network: { 'zh-CN': '无法连接服务器，请检查网络后重试', en: 'Cannot reach the server; check the network and try again' },
  400: { 'zh-CN': '请求格式不正确', en: 'The request is malformed' },
  401: { 'zh-CN': '登录已过期，请重新登录', en: 'Your session has expired; sign in again' },
  403: { 'zh-CN': '您没有执行此操作的权限', en: 'You are not allowed to do this' },
  404: { 'zh-CN': '请求的内容不存在', en: 'What you asked for does not exist' },
  409: { 'zh-CN': '数据已被他人修改，请刷新后重试', en: 'Someone else changed this; reload and try again' },
  422: { 'zh-CN': '提交的内容不符合规则', en: 'What you sent breaks a rule' },
  429: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many attempts; wait a moment and try again' },
  500: { 'zh-CN': '服务器出错，请稍后再试', en: 'The server failed; try again later' },
};

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as ApiErrorBody).code === 'string' && typeof (value as ApiErrorBody).message === 'string';
}

/**
 * Builds the error for a non-2xx answer. The server localises `message` already; an answer that
 * is not in the documented shape (a proxy's HTML page, an empty body) gets a message by status.
 */
export function apiErrorFromResponse(status: number, body: unknown, locale: Locale): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body);
  const nestMessage = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  const byStatus = fallbackMessages[String(status)] ?? fallbackMessages[status >= 500 ? '500' : '400']!;
  return new ApiError(status, {
    code: `http.${status}`,
    message: typeof nestMessage === 'string' ? nestMessage : byStatus[locale],
  });
}

export function networkError(locale: Locale): ApiError {
  return new ApiError(0, { code: 'network.unreachable', message: fallbackMessages.network![locale] });
}

/** The text to show a person for any error thrown by a query or mutation. */
export function describeError(error: unknown): { title: string; details: string[] } {
  if (error instanceof ApiError) {
    return {
      title: error.message,
      details: error.details.map((detail) => {
        const where = detail.file ? `${detail.file}${detail.path ? ` · ${detail.path}` : ''}` : (detail.path ?? detail.elementId);
        return where ? `${where}：${detail.message}` : detail.message;
      }),
    };
  }
  return { title: error instanceof Error ? error.message : String(error), details: [] };
}
