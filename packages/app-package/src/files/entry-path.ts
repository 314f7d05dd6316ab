import type { LocalizedText } from '@tessera/rules';

export type EntryPathResult = { ok: true; path: string } | { ok: false; code: string; message: LocalizedText };

const windowsDrive = /^[A-Za-z]:/;
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001f\u007f]/;

/**
 * Checks an entry name from a zip or a folder walk and returns its normalised relative path.
 * Anything that could escape the template root or confuse a later writer is refused, not repaired.
 */
export function checkEntryPath(name: string, maxDepth: number): EntryPathResult {
  const refuse = (code: string, zh: string, en: string): EntryPathResult => ({
    ok: false,
    code,
    message: { 'zh-CN': `条目 "${name}" ${zh}`, en: `entry "${name}" ${en}` },
  });
  if (name === '') return refuse('package.entry.empty', '名称为空', 'has an empty name');
  if (controlCharacters.test(name)) return refuse('package.entry.controlCharacter', '名称包含控制字符', 'has a control character in its name');
  if (name.includes('\\')) return refuse('package.entry.backslash', '使用了反斜杠路径分隔符', 'uses a backslash as path separator');
  if (name.startsWith('/') || windowsDrive.test(name)) return refuse('package.entry.absolute', '是绝对路径', 'is an absolute path');
  const segments = name.split('/');
  if (segments[segments.length - 1] === '') segments.pop();
  if (segments.some((segment) => segment === '..')) return refuse('package.entry.traversal', '试图跳出模板目录（..）', 'tries to leave the template folder (..)');
  if (segments.some((segment) => segment === '' || segment === '.')) return refuse('package.entry.malformed', '包含空的或 "." 路径段', 'has an empty or "." path segment');
  if (segments.length > maxDepth) return refuse('package.entry.tooDeep', `目录层级超过 ${maxDepth}`, `is nested deeper than ${maxDepth} folders`);
  return { ok: true, path: segments.join('/') };
}
