/**
 * Masks for display to readers who may not see a value in full (e.g. `138****1234`). Masking
 * fails closed: a value the mask does not understand is hidden entirely.
 */
export type MaskPreset = 'mobile' | 'landline' | 'residentId' | 'bankCard' | 'name' | 'email' | 'full';

export interface MaskRule {
  preset?: MaskPreset;
  /** Characters kept at the start. */
  keepStart?: number;
  /** Characters kept at the end. */
  keepEnd?: number;
  /** The masking character, `*` unless given. */
  char?: string;
}

export type Mask = MaskPreset | MaskRule;

const PRESETS: Record<Exclude<MaskPreset, 'email'>, { keepStart: number; keepEnd: number }> = {
  mobile: { keepStart: 3, keepEnd: 4 },
  landline: { keepStart: 4, keepEnd: 2 },
  residentId: { keepStart: 3, keepEnd: 4 },
  bankCard: { keepStart: 4, keepEnd: 4 },
  name: { keepStart: 1, keepEnd: 0 },
  full: { keepStart: 0, keepEnd: 0 },
};

const HIDDEN_LENGTH = 6;

function maskText(text: string, keepStart: number, keepEnd: number, char: string): string {
  const characters = Array.from(text);
  let start = keepStart;
  let end = keepEnd;
  // A short value would be revealed whole; then keep less so at least half is masked.
  if (start + end >= characters.length) {
    const kept = Math.floor(characters.length / 2);
    start = Math.min(start, kept);
    end = Math.min(end, kept - start);
  }
  const middle = characters.length - start - end;
  return characters.slice(0, start).join('') + char.repeat(middle) + characters.slice(characters.length - end).join('');
}

function maskEmail(text: string, char: string): string {
  const at = text.lastIndexOf('@');
  if (at <= 0) return maskText(text, 1, 0, char);
  return maskText(text.slice(0, at), 1, 0, char) + text.slice(at);
}

export function maskValue(value: unknown, mask: Mask): unknown {
  if (value === undefined || value === null) return value;
  const rule: MaskRule = typeof mask === 'string' ? { preset: mask } : mask;
  const char = rule.char ?? '*';
  if (Array.isArray(value)) return value.map((item) => maskValue(item, mask));
  if (typeof value === 'number' || typeof value === 'bigint') return maskValue(String(value), mask);
  if (typeof value !== 'string') {
    // An address keeps its region and masks the street detail.
    if (typeof value === 'object' && typeof (value as { detail?: unknown }).detail === 'string') {
      return { ...(value as object), detail: maskValue((value as { detail: string }).detail, mask) };
    }
    return char.repeat(HIDDEN_LENGTH);
  }
  if (rule.preset === 'email') return maskEmail(value, char);
  const preset = rule.preset ? PRESETS[rule.preset] : undefined;
  return maskText(value, rule.keepStart ?? preset?.keepStart ?? 0, rule.keepEnd ?? preset?.keepEnd ?? 0, char);
}
