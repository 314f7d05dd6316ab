import type { Locale, LocalizedText } from '@tessera/rules';
import { dataMessages, formatMessage } from './messages';

/** One problem with submitted data: where (`guarantors[2].idNumber`), a code, and a message. */
export interface DataError {
  path: string;
  code: string;
  message: string;
}

const FALLBACK: LocalizedText = { 'zh-CN': '{label}的值无效', en: '{label} is not valid' };

export function dataError(
  code: string,
  path: string,
  label: LocalizedText | undefined,
  locale: Locale,
  params?: Record<string, unknown>,
  message?: LocalizedText,
): DataError {
  const template = (message ?? dataMessages[code] ?? FALLBACK)[locale];
  const labelText = label ? label[locale] : path;
  return { path, code, message: formatMessage(template, labelText, params, locale) };
}
