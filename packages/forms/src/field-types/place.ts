import type { FieldDefinition } from '../definition/types';
import type { FieldTypeSpec, ValueFailure } from './spec';

/** Administrative divisions by GB/T 2260 code: a city sits in its province, a district in its city. */
export interface RegionValue {
  province: string;
  city?: string;
  district?: string;
}

const code = { type: 'string', pattern: '^[1-9]\\d{5}$' };
const regionSchema = {
  type: 'object',
  required: ['province'],
  properties: { province: code, city: code, district: code },
  additionalProperties: false,
};
const levelProperty = { enum: ['province', 'city', 'district'] };
const LEVELS = ['province', 'city', 'district'] as const;

function checkRegion(region: RegionValue, level: FieldDefinition['level']): ValueFailure | null {
  if (region.province.slice(2) !== '0000') return { code: 'region.mismatch', params: { part: 'province' } };
  if (region.city !== undefined && region.city.slice(0, 2) !== region.province.slice(0, 2)) return { code: 'region.mismatch', params: { part: 'city' } };
  if (region.district !== undefined) {
    if (region.city === undefined) return { code: 'region.incomplete', params: { level: 'city' } };
    if (region.district.slice(0, 4) !== region.city.slice(0, 4) && region.district.slice(0, 2) !== region.city.slice(0, 2)) {
      return { code: 'region.mismatch', params: { part: 'district' } };
    }
  }
  for (const part of LEVELS.slice(0, LEVELS.indexOf(level ?? 'district') + 1)) {
    if (region[part] === undefined) return { code: 'region.incomplete', params: { level: part } };
  }
  return null;
}

const regionVariables = { province: 'string', city: 'string', district: 'string' } as const;

export const region: FieldTypeSpec = {
  type: 'region',
  hasValue: true,
  definitionProperties: { level: levelProperty },
  variable: () => 'object',
  subVariables: () => regionVariables,
  valueSchema: () => regionSchema,
  errorCodes: { pattern: 'region.format', required: 'region.incomplete' },
  check: (value, field) => checkRegion(value as RegionValue, field.level),
};

/** A postal address: region, street detail and an optional postcode. */
export const address: FieldTypeSpec = {
  type: 'address',
  hasValue: true,
  maskable: true,
  definitionProperties: { level: levelProperty },
  variable: () => 'object',
  subVariables: () => ({ 'region.province': 'string', 'region.city': 'string', 'region.district': 'string', detail: 'string', postalCode: 'string' }),
  valueSchema: () => ({
    type: 'object',
    required: ['detail'],
    properties: {
      region: regionSchema,
      detail: { type: 'string', minLength: 1, maxLength: 200 },
      postalCode: { type: 'string', pattern: '^\\d{6}$' },
    },
    additionalProperties: false,
  }),
  errorCodes: { required: 'address.incomplete' },
  check: (value, field) => {
    const { region: place } = value as { region?: RegionValue };
    if (place === undefined) return field.level ? { code: 'region.incomplete', params: { level: 'province' } } : null;
    return checkRegion(place, field.level);
  },
  isEmpty: (value) => value === undefined || value === null || (value as { detail?: string }).detail === '',
};
