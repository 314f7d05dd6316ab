import { packageProblem, type PackageProblem } from '../problems/package-problem';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function decodeText(file: string, bytes: Uint8Array): { text?: string; problems: PackageProblem[] } {
  try {
    // A byte-order mark is tolerated: Windows editors add one.
    return { text: decoder.decode(bytes).replace(/^\uFEFF/, ''), problems: [] };
  } catch {
    return { problems: [packageProblem(file, 'package.file.encoding', { 'zh-CN': '文件不是有效的 UTF-8 文本', en: 'the file is not valid UTF-8 text' })] };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses JSON, reporting a syntax error with its line and column. */
export function parseJsonFile(file: string, bytes: Uint8Array): { value?: unknown; problems: PackageProblem[] } {
  const decoded = decodeText(file, bytes);
  if (decoded.text === undefined) return { problems: decoded.problems };
  try {
    return { value: JSON.parse(decoded.text) as unknown, problems: [] };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const where = position ? lineAndColumn(decoded.text, Number(position[1])) : undefined;
    const at = where ? `（第 ${where.line} 行第 ${where.column} 列）` : '';
    const atEn = where ? ` (line ${where.line}, column ${where.column})` : '';
    return {
      problems: [packageProblem(file, 'package.file.json', { 'zh-CN': `JSON 语法错误${at}：${detail}`, en: `JSON syntax error${atEn}: ${detail}` })],
    };
  }
}
