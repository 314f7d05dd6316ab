import type { FieldTypeSpec } from './spec';

export const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$';

function temporalSpec(type: 'date' | 'datetime' | 'time', schema: Record<string, unknown>, limitSchema: Record<string, unknown>): FieldTypeSpec {
  return {
    type,
    hasValue: true,
    definitionProperties: { min: limitSchema, max: limitSchema },
    variable: () => type,
    valueSchema: () => ({ type: 'string', ...schema }),
    errorCodes: { format: `${type}.format`, pattern: `${type}.format`, type: `${type}.format` },
    // ISO strings of one shape order as their moments do; datetimes are compared as instants.
    check: (value, field) => {
      if (field.min === undefined && field.max === undefined) return null;
      if (type === 'datetime') {
        const moment = Date.parse(value as string);
        if (field.min !== undefined && moment < Date.parse(field.min as string)) return { code: `${type}.min`, params: { min: field.min } };
        if (field.max !== undefined && moment > Date.parse(field.max as string)) return { code: `${type}.max`, params: { max: field.max } };
        return null;
      }
      if (field.min !== undefined && (value as string) < (field.min as string)) return { code: `${type}.min`, params: { min: field.min } };
      if (field.max !== undefined && (value as string) > (field.max as string)) return { code: `${type}.max`, params: { max: field.max } };
      return null;
    },
  };
}

export const date = temporalSpec('date', { format: 'date' }, { type: 'string', format: 'date' });
export const datetime = temporalSpec('datetime', { format: 'date-time' }, { type: 'string', format: 'date-time' });
export const time = temporalSpec('time', { pattern: TIME_PATTERN }, { type: 'string', pattern: TIME_PATTERN });
