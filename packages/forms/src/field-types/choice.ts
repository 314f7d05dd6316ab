import type { FieldDefinition } from '../definition/types';
import type { FieldTypeSpec, JsonSchema } from './spec';
import { localizedTextSchema, nonNegativeInteger, ruleSchema } from './spec';

const optionSchema = {
  type: 'object',
  required: ['value', 'label'],
  properties: { value: { type: ['string', 'number'] }, label: localizedTextSchema },
  additionalProperties: false,
};

const choiceProperties = {
  options: { type: 'array', items: optionSchema },
  optionsRule: ruleSchema,
};

/** Static options give an enum; options from a rule are checked after the rule has run. */
function optionValueSchema(field: FieldDefinition): JsonSchema {
  return field.options ? { enum: field.options.map((option) => option.value) } : { type: ['string', 'number'] };
}

function singleChoice(type: 'select' | 'radio'): FieldTypeSpec {
  return {
    type,
    hasValue: true,
    definitionProperties: choiceProperties,
    variable: (field) => (field.options && field.options.every((option) => typeof option.value === 'number') ? 'number' : 'string'),
    valueSchema: optionValueSchema,
    errorCodes: { enum: 'option.invalid', type: 'option.invalid' },
  };
}

function multipleChoice(type: 'multiSelect' | 'checkbox'): FieldTypeSpec {
  return {
    type,
    hasValue: true,
    definitionProperties: { ...choiceProperties, minItems: nonNegativeInteger, maxItems: { type: 'integer', minimum: 1 } },
    variable: () => 'array',
    valueSchema: (field) => ({
      type: 'array',
      items: optionValueSchema(field),
      uniqueItems: true,
      ...(field.minItems !== undefined ? { minItems: field.minItems } : {}),
      ...(field.maxItems !== undefined ? { maxItems: field.maxItems } : {}),
    }),
    errorCodes: { enum: 'option.invalid', minItems: 'options.minItems', maxItems: 'options.maxItems', uniqueItems: 'options.duplicate' },
  };
}

export const select = singleChoice('select');
export const radio = singleChoice('radio');
export const multiSelect = multipleChoice('multiSelect');
export const checkbox = multipleChoice('checkbox');

/** A required switch must be on (e.g. "I accept the terms"). */
export const switchField: FieldTypeSpec = {
  type: 'switch',
  hasValue: true,
  definitionProperties: {},
  variable: () => 'boolean',
  valueSchema: () => ({ type: 'boolean' }),
  isEmpty: (value) => value !== true,
};
