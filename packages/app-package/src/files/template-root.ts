/**
 * Zips made by "compress folder" hold everything under one top folder (`loan-approval/app.json`).
 * When the manifest is not at the root but sits in the single top folder, that folder is the root.
 */
export function stripSingleTopFolder(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  if (files.has('app.json')) return files;
  const tops = new Set([...files.keys()].map((path) => path.split('/')[0]));
  if (tops.size !== 1) return files;
  const [top] = tops;
  if (!files.has(`${top}/app.json`)) return files;
  return new Map([...files].map(([path, bytes]) => [path.slice(top!.length + 1), bytes]));
}
