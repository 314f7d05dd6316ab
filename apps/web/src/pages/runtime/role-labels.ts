import { localize, type LocalizedText } from '@tessera/rules';
import type { AppRole } from '../../api/apps';
import type { RoleLabels } from '../../api/tasks';
import { demoRoles } from '../studio/known-roles';

/**
 * A role key's label: from the server's labels, else the app manifest's roles, else the bank
 * templates' well-known roles, else the key itself. A server label that only repeats the key
 * (its answer for a role no installed app names) counts as none.
 */
export function roleLabel(key: string, locale: 'zh-CN' | 'en', sent?: RoleLabels | null, manifestRoles?: readonly AppRole[]): string {
  let label: LocalizedText | string | undefined;
  if (Array.isArray(sent)) {
    const entry = sent.find((item) => item.key === key);
    label = entry?.label ?? entry?.name;
  } else if (sent && typeof sent === 'object') {
    label = (sent as Record<string, LocalizedText | string>)[key];
  }
  if (label !== undefined && localize(label, locale) === key) label = undefined;
  if (label === undefined) {
    const role = manifestRoles?.find((item) => item.key === key);
    label = role?.label ?? role?.name;
  }
  label ??= demoRoles.find((role) => role.key === key)?.label;
  return label === undefined ? key : localize(label, locale);
}
