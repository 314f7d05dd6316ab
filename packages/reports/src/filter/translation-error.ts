import type { LocalizedText, Problem } from '@tessera/rules';

/** One problem found while translating a rule; the dataset compiler gathers them into a DefinitionError. */
export class TranslationError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message.en);
  }
}

export function fail(code: string, path: string, message: LocalizedText): never {
  throw new TranslationError({ code, path, message });
}

export function pathOf(base: string, pointer: readonly (string | number)[]): string {
  return pointer.reduce<string>(
    (path, step) => (typeof step === 'number' ? `${path}[${step}]` : `${path}.${step}`),
    base,
  );
}
