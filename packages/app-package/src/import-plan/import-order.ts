import type { LocalizedText } from '@tessera/rules';
import type { AppManifest } from '../manifest/manifest';

export class ImportOrderError extends Error {
  constructor(readonly messages: LocalizedText) {
    super(messages.en);
  }
}

/**
 * Orders apps so that each comes after the apps whose forms it depends on (customer-profile before
 * loan-approval). Dependencies on apps outside the list are assumed installed. A cycle is refused.
 */
export function importOrder<T extends { manifest: AppManifest }>(apps: readonly T[]): T[] {
  const byKey = new Map(apps.map((app) => [app.manifest.key, app]));
  const ordered: T[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (app: T, path: string[]): void => {
    const key = app.manifest.key;
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'visiting') {
      const cycle = [...path.slice(path.indexOf(key)), key].join(' → ');
      throw new ImportOrderError({ 'zh-CN': `应用之间存在循环依赖：${cycle}`, en: `the apps depend on each other in a cycle: ${cycle}` });
    }
    state.set(key, 'visiting');
    for (const dependency of app.manifest.dependencies ?? []) {
      const required = byKey.get(dependency.app);
      if (required) visit(required, [...path, key]);
    }
    state.set(key, 'done');
    ordered.push(app);
  };
  // Sorted by key first so the order does not depend on how the caller listed the folders.
  for (const app of [...apps].sort((a, b) => (a.manifest.key < b.manifest.key ? -1 : 1))) visit(app, []);
  return ordered;
}
