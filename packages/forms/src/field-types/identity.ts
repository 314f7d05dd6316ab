import { ageOn, businessDate } from '../values/calendar';
import { BANK_CARD_PATTERN, checkBankCard } from '../values/bank-card';
import { LANDLINE_PATTERN, MOBILE_PATTERN } from '../values/phone';
import { RESIDENT_ID_PATTERN, residentIdProblemOn } from '../values/resident-id';
import { checkUscc, USCC_PATTERN } from '../values/uscc';
import type { FieldTypeSpec } from './spec';

export const mobile: FieldTypeSpec = {
  type: 'mobile',
  hasValue: true,
  maskable: true,
  definitionProperties: {},
  variable: () => 'string',
  valueSchema: () => ({ type: 'string', pattern: MOBILE_PATTERN }),
  errorCodes: { pattern: 'mobile.format', type: 'mobile.format' },
};

export const landline: FieldTypeSpec = {
  type: 'landline',
  hasValue: true,
  maskable: true,
  definitionProperties: {},
  variable: () => 'string',
  valueSchema: () => ({ type: 'string', pattern: LANDLINE_PATTERN }),
  errorCodes: { pattern: 'landline.format', type: 'landline.format' },
};

/**
 * The JSON Schema states the shape and names a format (`cn-resident-id`, `cn-uscc`,
 * `bank-card`) for other consumers; the checksum itself is checked here, so errors say which
 * part is wrong.
 */
export const residentId: FieldTypeSpec = {
  type: 'residentId',
  hasValue: true,
  maskable: true,
  definitionProperties: { minAge: { type: 'integer', minimum: 0, maximum: 150 }, maxAge: { type: 'integer', minimum: 0, maximum: 150 } },
  variable: () => 'string',
  valueSchema: () => ({ type: 'string', pattern: RESIDENT_ID_PATTERN, format: 'cn-resident-id' }),
  errorCodes: { pattern: 'residentId.format', type: 'residentId.format' },
  check: (value, field, environment) => {
    const today = environment.today ?? (environment.now === undefined ? undefined : businessDate(environment.now));
    const code = residentIdProblemOn(value, today);
    if (code !== null) return { code };
    if (today === undefined || (field.minAge === undefined && field.maxAge === undefined)) return null;
    const id = value as string;
    const age = ageOn(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, today);
    if (field.minAge !== undefined && age < field.minAge) return { code: 'residentId.minAge', params: { minAge: field.minAge, age } };
    if (field.maxAge !== undefined && age > field.maxAge) return { code: 'residentId.maxAge', params: { maxAge: field.maxAge, age } };
    return null;
  },
};

export const uscc: FieldTypeSpec = {
  type: 'uscc',
  hasValue: true,
  maskable: true,
  definitionProperties: {},
  variable: () => 'string',
  valueSchema: () => ({ type: 'string', pattern: USCC_PATTERN, format: 'cn-uscc' }),
  errorCodes: { pattern: 'uscc.format', type: 'uscc.format' },
  check: (value) => {
    const result = checkUscc(value);
    return result.valid ? null : { code: result.code };
  },
};

export const bankCard: FieldTypeSpec = {
  type: 'bankCard',
  hasValue: true,
  maskable: true,
  definitionProperties: {},
  variable: () => 'string',
  valueSchema: () => ({ type: 'string', pattern: BANK_CARD_PATTERN, format: 'bank-card' }),
  errorCodes: { pattern: 'bankCard.format', type: 'bankCard.format' },
  check: (value) => {
    const result = checkBankCard(value);
    return result.valid ? null : { code: result.code };
  },
};
