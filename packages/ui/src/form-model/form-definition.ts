/**
 * The form definition as the designer and the renderer see it: the JSON of a `*.form.json` file,
 * with the types `@tessera/forms` reads it by.
 */
export type {
  ComputedResultType,
  FieldDefinition,
  FieldMask,
  FieldType,
  FormDefinition,
  FormLayout,
  LayoutSection,
  LayoutTab,
  OptionDefinition,
  Permission,
  PermissionTable,
  ValidationRule,
  MaskPreset,
} from '@tessera/forms';

/** A JSON-logic rule, as stored in definitions (any JSON value). */
export type JsonLogic = Rule;

/** A switch that is either fixed or decided by a rule over the form's data. */
export type Condition = boolean | JsonLogic;

import type { LayoutSection } from '@tessera/forms';
import type { Rule } from '@tessera/rules';

export type SectionEntry = LayoutSection['fields'][number];

export function entryKey(entry: SectionEntry): string {
  return typeof entry === 'string' ? entry : entry.field;
}
