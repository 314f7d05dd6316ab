import { HttpStatus } from '@nestjs/common';
import type { LocalizedText, Problem } from '@tessera/rules';

export interface ApiErrorDetail {
  path: string;
  code: string;
  message: LocalizedText;
}

/**
 * An error the API reports to its caller: an HTTP status, a code a program can act on, a message in
 * both languages, and the paths of what is wrong. The exception filter picks the caller's language.
 */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly messages: LocalizedText,
    readonly details: ApiErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(messages.en);
    this.name = 'ApiError';
  }

  static fromProblems(status: HttpStatus, code: string, messages: LocalizedText, problems: Problem[]): ApiError {
    return new ApiError(
      status,
      code,
      messages,
      problems.map((problem) => ({
        path: problem.path ?? problem.elementId ?? '',
        code: problem.code,
        message: problem.message,
      })),
    );
  }
}

export const notFound = (what: LocalizedText, code = 'notFound'): ApiError =>
  new ApiError(HttpStatus.NOT_FOUND, code, what);

export const forbidden = (code = 'forbidden', messages?: LocalizedText): ApiError =>
  new ApiError(
    HttpStatus.FORBIDDEN,
    code,
    messages ?? { 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  );
