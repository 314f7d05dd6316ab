import { localize, type Locale, type LocalizedText } from '@tessera/rules';

export type { Locale, LocalizedText };

/** A table of the texts one component shows, each in zh-CN and en. */
export type TextTable<K extends string> = Record<K, LocalizedText>;

/** Picks the reader's text from a component's table, filling `{name}` placeholders. */
export function textFor<K extends string>(table: TextTable<K>, locale: Locale) {
  return (key: K, values: Record<string, string | number> = {}) =>
    localize(table[key], locale).replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
}

/** A label for a role, a step or a form in the reader's language. */
export interface NamedOption {
  key: string;
  label: LocalizedText | string;
}
