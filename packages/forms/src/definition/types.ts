import type { LocalizedText, Rule } from '@tessera/rules';
import type { Mask, MaskPreset } from '../masking/mask-value';

/** The content of a `*.form.json` file. */
export interface FormDefinition {
  $schema?: string;
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  layout?: FormLayout;
  /** Defaults for every field; a field's own entries win at the same level (see docs/forms.md). */
  permissions?: PermissionTable;
  fields: FieldDefinition[];
}

export interface FormLayout {
  /** Grid columns of a section unless it sets its own (1 to 4). */
  columns?: number;
  sections?: LayoutSection[];
  tabs?: LayoutTab[];
}

export interface LayoutTab {
  key: string;
  title: LocalizedText;
  sections: LayoutSection[];
}

export interface LayoutSection {
  key: string;
  title?: LocalizedText;
  columns?: number;
  collapsible?: boolean;
  /** Top-level field keys, or `{ field, span }` to let a field span several grid columns. */
  fields: Array<string | { field: string; span?: number }>;
}

export type Permission = 'hidden' | 'read' | 'write';

export interface PermissionTable {
  default?: Permission;
  /** Role key → permission. */
  roles?: Record<string, Permission>;
  /** BPMN user-task element id → permission. */
  steps?: Record<string, Permission>;
}

export interface FieldMask {
  preset?: MaskPreset;
  keepStart?: number;
  keepEnd?: number;
  char?: string;
  /** Roles that read the value unmasked even with `read` permission. */
  unmaskedRoles?: string[];
}

export interface OptionDefinition {
  value: string | number;
  label: LocalizedText;
}

export interface ValidationRule {
  /** Passes when the rule is truthy. */
  rule: Rule;
  message: LocalizedText;
  /** Reported as the error code; `rule.failed` unless given. */
  code?: string;
}

export type FieldType =
  | 'text' | 'textarea' | 'number' | 'integer' | 'money' | 'percent'
  | 'date' | 'datetime' | 'time'
  | 'select' | 'radio' | 'multiSelect' | 'checkbox' | 'switch'
  | 'email' | 'url' | 'mobile' | 'landline'
  | 'residentId' | 'uscc' | 'bankCard'
  | 'region' | 'address' | 'attachment'
  | 'userPicker' | 'departmentPicker' | 'relation'
  | 'subform' | 'computed' | 'description' | 'signature';

export type ComputedResultType = 'string' | 'number' | 'integer' | 'money' | 'boolean' | 'date' | 'datetime';

/** Every field type's properties; which ones apply to which type is in `formDefinitionSchema`. */
export interface FieldDefinition {
  key: string;
  type: FieldType;
  label: LocalizedText;
  help?: LocalizedText;
  placeholder?: LocalizedText;
  required?: boolean | Rule;
  visible?: boolean | Rule;
  readonly?: boolean | Rule;
  default?: unknown;
  defaultRule?: Rule;
  permissions?: PermissionTable;
  mask?: MaskPreset | FieldMask;
  validations?: ValidationRule[];
  // text, textarea
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: LocalizedText;
  // number, integer, percent, money (decimal strings), date, datetime, time (ISO strings)
  min?: number | string;
  max?: number | string;
  // money
  currency?: string;
  precision?: number;
  // select, radio, multiSelect, checkbox
  options?: OptionDefinition[];
  optionsRule?: Rule;
  minItems?: number;
  maxItems?: number;
  // residentId
  minAge?: number;
  maxAge?: number;
  // region, address
  level?: 'province' | 'city' | 'district';
  // attachment
  maxFiles?: number;
  maxSize?: number;
  accept?: string[];
  // userPicker, departmentPicker, relation
  multiple?: boolean;
  // relation
  form?: string;
  displayField?: string;
  // subform
  fields?: FieldDefinition[];
  minRows?: number;
  maxRows?: number;
  // computed
  rule?: Rule;
  resultType?: ComputedResultType;
  // description
  content?: LocalizedText;
}

export type { Mask };
