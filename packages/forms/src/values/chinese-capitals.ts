import Decimal from 'decimal.js';

/**
 * Amounts in Chinese capitals (金额大写) as written on cheques and vouchers under the PBOC
 * payment and settlement rules: "1234.56" → "壹仟贰佰叁拾肆元伍角陆分", "100" → "壹佰元整".
 */
const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const PLACE_UNITS = ['仟', '佰', '拾', ''];
const GROUP_UNITS = ['', '万', '亿', '万亿'];
const LIMIT = new Decimal('1e16');

function integerInCapitals(integer: string): string {
  const padded = integer.padStart(Math.ceil(integer.length / 4) * 4, '0');
  const groupCount = padded.length / 4;
  let text = '';
  let pendingZero = false;
  for (let group = 0; group < groupCount; group += 1) {
    const digits = padded.slice(group * 4, group * 4 + 4);
    if (digits === '0000') {
      if (text !== '') pendingZero = true;
      continue;
    }
    for (let place = 0; place < 4; place += 1) {
      const digit = digits.charCodeAt(place) - 48;
      if (digit === 0) {
        if (text !== '') pendingZero = true;
        continue;
      }
      if (pendingZero) text += '零';
      pendingZero = false;
      text += DIGITS[digit]! + PLACE_UNITS[place]!;
    }
    text += GROUP_UNITS[groupCount - 1 - group]!;
    // Zeros closing a group are spoken only if a lower group starts below its thousands place.
    pendingZero = false;
  }
  return text;
}

/** `amount` as a decimal string or number; rounded half-up to fen. Throws RangeError when not an amount. */
export function toChineseCapitals(amount: string | number): string {
  let value: Decimal;
  try {
    value = new Decimal(amount);
  } catch {
    throw new RangeError(`not an amount: ${String(amount)}`);
  }
  if (!value.isFinite()) throw new RangeError(`not an amount: ${String(amount)}`);
  const rounded = value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  if (rounded.abs().greaterThanOrEqualTo(LIMIT)) throw new RangeError(`amount too large for capitals: ${String(amount)}`);
  const [integerPart, fractionPart] = rounded.abs().toFixed(2).split('.') as [string, string];
  const jiao = fractionPart.charCodeAt(0) - 48;
  const fen = fractionPart.charCodeAt(1) - 48;
  const integerText = integerPart === '0' ? '' : integerInCapitals(integerPart);
  let text = integerText === '' ? '' : `${integerText}元`;
  if (jiao === 0 && fen === 0) {
    text = text === '' ? '零元整' : `${text}整`;
  } else {
    if (jiao > 0) text += `${DIGITS[jiao]}角`;
    else if (text !== '') text += '零';
    if (fen > 0) text += `${DIGITS[fen]}分`;
  }
  return rounded.isNegative() && !rounded.isZero() ? `负${text}` : text;
}
