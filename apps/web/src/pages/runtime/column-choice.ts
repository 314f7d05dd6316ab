/** The columns a person chose for a form's record list, kept in the browser per form. */
const KEY_PREFIX = 'tessera.records.columns.';

export function loadColumnChoice(formKey: string, storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage): string[] | null {
  try {
    const raw = storage?.getItem(KEY_PREFIX + formKey);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : null;
  } catch {
    return null;
  }
}

export function saveColumnChoice(formKey: string, columns: readonly string[], storage: Pick<Storage, 'setItem'> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY_PREFIX + formKey, JSON.stringify(columns));
  } catch {
    // A full or blocked storage only loses the preference.
  }
}
