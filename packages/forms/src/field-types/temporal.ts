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
      const moment = type === 'datetime' ? Date.parse(value as string) : (value as string);
      const limit = (bound: unknown) => (type === 'datetime' ? Date.parse(bound as string) : (bound as string));
      if (field.min !== undefined && moment < limit(field.min)) return { code: `${type}.min`, params: { min: field.min } };
      if (field.max !== undefined && moment > limit(field.max)) return { code: `${type}.max`, params: { max: field.max } };
      return null;
    },
  };
}

export const date = temporalSpec('date', { format: 'date' }, { type: 'string', format: 'date' });
export const datetime = temporalSpec('datetime', { format: 'date-time' }, { type: 'string', format: 'date-time' });
export const time = temporalSpec('time', { pattern: TIME_PATTERN }, { type: 'string', pattern: TIME_PATTERN });
