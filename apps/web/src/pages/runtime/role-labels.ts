import { localize, type LocalizedText } from '@tessera/rules';
import type { AppRole } from '../../api/apps';
import type { RoleLabels } from '../../api/tasks';

/** A role key's label: from the server's labels, else the app manifest's roles, else the key itself. */
export function roleLabel(key: string, locale: 'zh-CN' | 'en', sent?: RoleLabels | null, manifestRoles?: readonly AppRole[]): string {
  let label: LocalizedText | string | undefined;
  if (Array.isArray(sent)) {
    const entry = sent.find((item) => item.key === key);
    label = entry?.label ?? entry?.name;
  } else if (sent && typeof sent === 'object') {
    label = (sent as Record<string, LocalizedText | string>)[key];
  }
  if (label === undefined) {
    const role = manifestRoles?.find((item) => item.key === key);
    label = role?.label ?? role?.name;
  }
  return label === undefined ? key : localize(label, locale);
}
