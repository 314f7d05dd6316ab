import { type CompiledForm, resolvePermission, type Audience } from '@tessera/forms';

export interface FormAccess {
  canRead: boolean;
  canWrite: boolean;
  /** Top-level field keys the audience may not see. */
  hidden: Set<string>;
}

/** What an audience may do with a form's records as a whole, from the form's own permissions. */
export function formAccess(form: CompiledForm, audience: Audience): FormAccess {
  const hidden = new Set<string>();
  let canRead = false;
  let canWrite = false;
  for (const field of form.definition.fields) {
    if (!form.fields.some((info) => info.path === field.key)) continue; // layout-only fields hold no value
    const permission = resolvePermission(field.permissions, form.definition.permissions, audience);
    if (permission === 'hidden') hidden.add(field.key);
    else canRead = true;
    if (permission === 'write') canWrite = true;
  }
  return { canRead, canWrite, hidden };
}
