import { localize, type Locale, type LocalizedText } from '@tessera/rules';

/** Shows a bilingual text in the reader's locale. */
export function LocalizedLabel({ text, locale }: { text: LocalizedText | string; locale: Locale }) {
  return <span lang={locale}>{localize(text, locale)}</span>;
}
