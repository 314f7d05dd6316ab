import { HttpStatus } from '@nestjs/common';
import { DefinitionError, type LocalizedText } from '@tessera/rules';
import { ApiError } from './api-error';

/** Runs an engine's compile step and turns its DefinitionError into a 422 listing every problem. */
export function compiling<T>(code: string, messages: LocalizedText, compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    if (error instanceof DefinitionError)
      throw ApiError.fromProblems(HttpStatus.UNPROCESSABLE_ENTITY, code, messages, error.problems);
    throw error;
  }
}
