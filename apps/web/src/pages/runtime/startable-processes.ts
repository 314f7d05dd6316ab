import { localize, type LocalizedText } from '@tessera/rules';
import type { AppDetail } from '../../api/apps';
import type { StoredProcess } from '../../api/processes';

/** A process a person may start, with the words the app gives its start entry. */
export interface StartableProcess {
  process: StoredProcess;
  title: string;
  appName: string;
}

/**
 * Which processes the user may start. The server's `startRoles` decide when sent; otherwise an app
 * that lists "start process" entries in its navigation offers those (to their roles), and an app
 * without such entries offers all of its processes. Administrators may start any process.
 */
export function startableProcesses(processes: readonly StoredProcess[], apps: ReadonlyMap<string, AppDetail>, roles: readonly string[], locale: 'zh-CN' | 'en'): StartableProcess[] {
  const admin = roles.includes('admin');
  const allowed = (wanted: readonly string[] | undefined | null) => admin || !wanted || wanted.length === 0 || wanted.some((role) => roles.includes(role));
  const result: StartableProcess[] = [];
  for (const process of processes) {
    const app = apps.get(process.appKey);
    const entries = (app?.manifest.navigation ?? []).filter((item) => item.type === 'startProcess');
    const entry = entries.find((item) => item.process === process.key);
    let may: boolean;
    if (admin) may = true;
    else if (process.startRoles) may = allowed(process.startRoles);
    else if (entries.length > 0) may = !!entry && allowed(entry.roles);
    else may = true;
    if (!may) continue;
    const title: LocalizedText | string = process.title ?? entry?.label ?? process.name ?? process.key;
    result.push({ process, title: localize(title, locale), appName: app ? localize(app.manifest.name, locale) : process.appKey });
  }
  return result.sort((a, b) => a.appName.localeCompare(b.appName, 'zh-CN') || a.title.localeCompare(b.title, 'zh-CN'));
}
