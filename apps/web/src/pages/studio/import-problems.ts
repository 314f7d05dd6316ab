import type { ApiProblemDetail } from '../../api/api-error';

/** A problem of an import as a table row: the file, the place inside it and what is wrong. */
export interface ImportProblemRow {
  file: string;
  where: string;
  code: string;
  message: string;
}

/** Splits the server's `file:path-or-element-id` paths of an import problem into its file and place. */
export function importProblemRows(details: readonly ApiProblemDetail[]): ImportProblemRow[] {
  return details.map((detail) => {
    if (detail.file) return { file: detail.file, where: detail.path ?? detail.elementId ?? '', code: detail.code, message: detail.message };
    const path = detail.path ?? '';
    const colon = path.indexOf(':');
    return colon > 0 ? { file: path.slice(0, colon), where: path.slice(colon + 1), code: detail.code, message: detail.message } : { file: path, where: detail.elementId ?? '', code: detail.code, message: detail.message };
  });
}
