/**
 * Problems and definition errors shared by every engine: a code a program can act on, where
 * the problem is (a JSON path or a BPMN element id), and a message in zh-CN and en.
 */
export type Locale = 'zh-CN' | 'en';

export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

export interface Problem {
  code: string;
  /** JSON path into the definition or the data, e.g. `fields[3].visible` or `applicant.idNumber`. */
  path?: string;
  /** BPMN element id, for process definitions. */
  elementId?: string;
  message: LocalizedText;
  severity?: 'error' | 'warning';
}

export function localize(text: LocalizedText | string, locale: Locale = 'zh-CN'): string {
  return typeof text === 'string' ? text : (text[locale] ?? text['zh-CN']);
}

function describeProblem(problem: Problem): string {
  const where = problem.elementId ?? problem.path;
  return `${where ? `${where}: ` : ''}${problem.message.en} [${problem.code}]`;
}

/** Thrown by every engine's `compile…`: lists all problems of a definition, not only the first. */
export class DefinitionError extends Error {
  override readonly name = 'DefinitionError';

  constructor(readonly problems: Problem[]) {
    super(
      problems.length === 1
        ? describeProblem(problems[0]!)
        : `${problems.length} problems:\n${problems.map((problem) => `- ${describeProblem(problem)}`).join('\n')}`,
    );
  }

  /** The first problem's code; handy when a definition has exactly one problem. */
  get code(): string {
    return this.problems[0]?.code ?? 'definition.invalid';
  }
}
