import { HttpStatus } from '@nestjs/common';
import { ProcessError } from '@tessera/process';
import { ApiError } from '../core/errors/api-error';

function fromProcessError(error: ProcessError): ApiError {
  const where = error.details.taskId ?? error.details.elementId ?? error.details.timerId ?? error.details.jobId ?? '';
  return new ApiError(
    HttpStatus.CONFLICT,
    `process.${error.code}`,
    error.messages,
    where ? [{ path: where, code: error.code, message: error.messages }] : [],
  );
}

/** Runs an engine command; a command the state does not allow becomes 409 with the engine's words. */
export function engineCommand<T>(command: () => T): T {
  try {
    return command();
  } catch (error) {
    throw error instanceof ProcessError ? fromProcessError(error) : error;
  }
}

export async function engineCommandAsync<T>(command: () => Promise<T>): Promise<T> {
  try {
    return await command();
  } catch (error) {
    throw error instanceof ProcessError ? fromProcessError(error) : error;
  }
}
