/** Mainland mobile numbers (11 digits, 13x–19x) and landlines (area code, local number, extension). */
export const MOBILE_PATTERN = '^1[3-9]\\d{9}$';
export const LANDLINE_PATTERN = '^0\\d{2,3}-?[2-9]\\d{6,7}(-\\d{1,6})?$';
const MOBILE = new RegExp(MOBILE_PATTERN);
const LANDLINE = new RegExp(LANDLINE_PATTERN);

export function isMainlandMobile(value: unknown): boolean {
  return typeof value === 'string' && MOBILE.test(value);
}

/** e.g. `010-62345678`, `075588889999`, `021-61234567-801`. */
export function isLandline(value: unknown): boolean {
  return typeof value === 'string' && LANDLINE.test(value);
}
