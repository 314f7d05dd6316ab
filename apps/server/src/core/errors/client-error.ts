import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';
import { renderError } from './api-exception.filter';
import { text } from './localized';

/**
 * Requests Node refuses before any handler sees them (a request line or headers over 16 KB, bytes
 * that are not HTTP) get the API's `{ code, message, details }` body instead of an empty one. The
 * headers were not read, so the message is in Chinese with the English beside it in `details`.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const apiError = tooLarge
      ? new ApiError(431 as HttpStatus, 'request.headersTooLarge', text('请求地址或请求头过长（上限 16 KB）', 'The request URL or headers are too long (16 KB at most)'), [
          { path: 'url', code: 'request.headersTooLarge', message: text('请求地址或请求头过长（上限 16 KB）', 'The request URL or headers are too long (16 KB at most)') },
        ])
      : new ApiError(HttpStatus.BAD_REQUEST, 'request.malformed', text('请求格式不正确', 'The request is malformed'), [
          { path: '', code: `http.${error.code ?? 'invalid'}`, message: text('不是有效的 HTTP 请求', 'Not a valid HTTP request') },
        ]);
    const body = JSON.stringify(renderError(apiError, undefined));
    socket.end(
      `HTTP/1.1 ${apiError.status} ${tooLarge ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
