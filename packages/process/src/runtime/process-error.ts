import type { LocalizedText } from '@tessera/rules';

/** A command that is not allowed in the current state. Thrown before anything changes. */
export class ProcessError extends Error {
  override readonly name = 'ProcessError';

  constructor(
    readonly code: string,
    readonly messages: LocalizedText,
    readonly details: { elementId?: string; taskId?: string; timerId?: string; jobId?: string } = {},
  ) {
    super(`${messages.en} [${code}]`);
  }
}
