import type { Problem } from '@tessera/rules';

export function problem(code: string, path: string, zh: string, en: string): Problem {
  return { code, path, message: { 'zh-CN': zh, en }, severity: 'error' };
}

/** `fields[2]` + `visible` → `fields[2].visible`; keeps `[n]` segments glued. */
export function joinPath(base: string, rest: string | undefined): string {
  if (!rest) return base;
  if (!base) return rest;
  return rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest}`;
}

/** An ajv instance path (`/fields/2/key`) as a definition path (`fields[2].key`). */
export function pointerToPath(pointer: string): string {
  let path = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    path = /^\d+$/.test(segment) ? `${path}[${segment}]` : joinPath(path, segment);
  }
  return path;
}
