import fs from 'node:fs';
import path from 'node:path';

export const templatesRoot = path.resolve(__dirname, '../../../../templates');

/** A template folder as `{ path: text }`, the JSON shape `POST /apps/import` accepts. */
export function templateAsText(name: string): Record<string, string> {
  const root = path.join(templatesRoot, name);
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(root, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return files;
}
