import { localize, type Locale } from '@tessera/rules';
import type { FieldDefinition, OptionDefinition } from '../form-model/form-definition';

const yesNo = { 'zh-CN': ['是', '否'], en: ['Yes', 'No'] } as const;

function optionLabel(options: readonly OptionDefinition[] | undefined, value: unknown, locale: Locale): string {
  const option = options?.find((candidate) => candidate.value === value);
  return option ? localize(option.label, locale) : String(value);
}

function groupDigits(amount: string): string {
  const [whole, fraction] = amount.split('.');
  const sign = whole!.startsWith('-') ? '-' : '';
  const digits = sign ? whole!.slice(1) : whole!;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** A decimal-string amount with thousands separators and the field's decimal places, without floats. */
export function formatAmount(value: string, precision = 2): string {
  if (!/^-?\d+(\.\d+)?$/.test(value)) return value;
  const [whole, fraction = ''] = value.split('.');
  // Masked or exact amounts are shown as given past the precision rather than rounded in binary.
  const padded = fraction.length >= precision ? fraction : fraction.padEnd(precision, '0');
  return groupDigits(precision === 0 && !fraction ? whole! : `${whole}.${padded}`);
}

/** How a value reads to someone who may not change it (already masked by the projection when needed). */
export function displayValue(field: FieldDefinition, value: unknown, locale: Locale, options?: readonly OptionDefinition[]): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return '—';
  switch (field.type) {
    case 'switch':
      return yesNo[locale][value ? 0 : 1];
    case 'select':
    case 'radio':
      return optionLabel(options ?? field.options, value, locale);
    case 'multiSelect':
    case 'checkbox':
      return (Array.isArray(value) ? value : [value]).map((item) => optionLabel(options ?? field.options, item, locale)).join(locale === 'zh-CN' ? '、' : ', ');
    case 'money':
      return typeof value === 'string' || typeof value === 'number' ? `${field.currency && field.currency !== 'CNY' ? `${field.currency} ` : '¥'}${formatAmount(String(value), field.precision ?? 2)}` : String(value);
    case 'percent':
      return `${String(value)}%`;
    case 'datetime':
      return typeof value === 'string' ? value.replace('T', ' ').replace(/(:\d{2})(\.\d+)?Z$/, '$1') : String(value);
    case 'computed':
      if (field.resultType === 'boolean') return yesNo[locale][value ? 0 : 1];
      if (field.resultType === 'money') return `¥${formatAmount(String(value), 2)}`;
      return String(value);
    case 'address': {
      const address = value as { region?: Record<string, string>; detail?: string; postalCode?: string };
      return [address.region ? Object.values(address.region).join(' ') : '', address.detail ?? '', address.postalCode ?? ''].filter(Boolean).join(' ');
    }
    case 'region':
      return Object.values(value as Record<string, string>).join(' ');
    case 'attachment':
      return (Array.isArray(value) ? value : [value]).map((file) => (file as { name?: string }).name ?? '').join(locale === 'zh-CN' ? '、' : ', ');
    case 'relation':
      return (Array.isArray(value) ? value : [value]).map((item) => (item as { display?: string; id?: string }).display ?? (item as { id?: string }).id ?? '').join(locale === 'zh-CN' ? '、' : ', ');
    case 'signature': {
      const signature = value as { signedBy?: string; signedAt?: string };
      return [signature.signedBy, signature.signedAt?.slice(0, 10)].filter(Boolean).join(' · ');
    }
    default:
      return Array.isArray(value) ? value.join(locale === 'zh-CN' ? '、' : ', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
