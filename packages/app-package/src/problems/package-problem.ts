import { DefinitionError, type LocalizedText, type Problem } from '@tessera/rules';

/** A problem of a template: which file it is in, and where in that file (JSON path or BPMN element id). */
export interface PackageProblem extends Problem {
  /** Path of the file inside the template, e.g. `forms/customer.form.json`; `''` for the package as a whole. */
  file: string;
}

export function packageProblem(
  file: string,
  code: string,
  message: LocalizedText,
  where: { path?: string; elementId?: string; severity?: 'error' | 'warning' } = {},
): PackageProblem {
  const problem: PackageProblem = { file, code, message };
  if (where.path !== undefined && where.path !== '') problem.path = where.path;
  if (where.elementId !== undefined) problem.elementId = where.elementId;
  if (where.severity === 'warning') problem.severity = 'warning';
  return problem;
}

/** Re-homes an engine's problems (which know only their path or element id) in a template file. */
export function inFile(file: string, problems: readonly Problem[], pathPrefix = ''): PackageProblem[] {
  return problems.map((problem) => {
    const rehomed: PackageProblem = { ...problem, file };
    if (pathPrefix) rehomed.path = problem.path ? `${pathPrefix}.${problem.path}` : pathPrefix;
    return rehomed;
  });
}

export function isError(problem: Problem): boolean {
  return problem.severity !== 'warning';
}

function describe(problem: PackageProblem): string {
  const where = [problem.file, problem.elementId ?? problem.path].filter(Boolean).join(' ');
  return `${where ? `${where}: ` : ''}${problem.message.en} [${problem.code}]`;
}

/**
 * Thrown when a template cannot be loaded or does not validate: lists every problem with its file,
 * so an import can be refused as a whole and the author can fix everything in one pass.
 */
export class AppPackageError extends DefinitionError {
  constructor(override readonly problems: PackageProblem[]) {
    super(problems);
    this.message =
      problems.length === 1
        ? describe(problems[0]!)
        : `${problems.length} problems:\n${problems.map((problem) => `- ${describe(problem)}`).join('\n')}`;
  }
}
