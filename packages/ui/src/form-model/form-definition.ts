import type { LocalizedText } from '@tessera/rules';

/**
 * The form definition as the designer and the renderer see it: the same JSON as a `*.form.json`
 * file read by `@tessera/forms`.
 */
export type JsonLogic = Record<string, unknown> | unknown[] | string | number | boolean | null;

/** A switch that is either fixed or decided by a rule over the form's data. */
export type Condition = boolean | JsonLogic;

export type FieldType =
  | 'text' | 'textarea' | 'number' | 'integer' | 'money' | 'percent'
  | 'date' | 'datetime' | 'time'
  | 'select' | 'radio' | 'multiSelect' | 'checkbox' | 'switch'
  | 'email' | 'url' | 'mobile' | 'landline'
  | 'residentId' | 'uscc' | 'bankCard'
  | 'region' | 'address' | 'attachment'
  | 'userPicker' | 'departmentPicker' | 'relation'
  | 'subform' | 'computed' | 'description' | 'signature';

export type Permission = 'hidden' | 'read' | 'write';

export interface PermissionTable {
  default?: Permission;
  roles?: Record<string, Permission>;
  steps?: Record<string, Permission>;
}

export type MaskPreset = 'mobile' | 'landline' | 'residentId' | 'bankCard' | 'name' | 'email' | 'full';

export interface FieldMask {
  preset?: MaskPreset;
  keepStart?: number;
  keepEnd?: number;
  char?: string;
  unmaskedRoles?: string[];
}

export interface OptionDefinition {
  value: string | number;
  label: LocalizedText;
}

export interface ValidationRule {
  rule: JsonLogic;
  message: LocalizedText;
  code?: string;
}

export type ComputedResultType = 'string' | 'number' | 'integer' | 'money' | 'boolean' | 'date' | 'datetime';

export interface FieldDefinition {
  key: string;
  type: FieldType;
  label: LocalizedText;
  help?: LocalizedText;
  placeholder?: LocalizedText;
  required?: Condition;
  visible?: Condition;
  readonly?: Condition;
  default?: unknown;
  defaultRule?: JsonLogic;
  permissions?: PermissionTable;
  mask?: MaskPreset | FieldMask;
  validations?: ValidationRule[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  patternMessage?: LocalizedText;
  min?: number | string;
  max?: number | string;
  currency?: string;
  precision?: number;
  options?: OptionDefinition[];
  optionsRule?: JsonLogic;
  minItems?: number;
  maxItems?: number;
  minAge?: number;
  maxAge?: number;
  level?: 'province' | 'city' | 'district';
  maxFiles?: number;
  maxSize?: number;
  accept?: string[];
  multiple?: boolean;
  form?: string;
  displayField?: string;
  fields?: FieldDefinition[];
  minRows?: number;
  maxRows?: number;
  rule?: JsonLogic;
  resultType?: ComputedResultType;
  content?: LocalizedText;
}

export type SectionEntry = string | { field: string; span?: number };

export interface LayoutSection {
  key: string;
  title?: LocalizedText;
  columns?: number;
  collapsible?: boolean;
  fields: SectionEntry[];
}

export interface LayoutTab {
  key: string;
  title: LocalizedText;
  sections: LayoutSection[];
}

export interface FormLayout {
  columns?: number;
  sections?: LayoutSection[];
  tabs?: LayoutTab[];
}

export interface FormDefinition {
  $schema?: string;
  key: string;
  version: number;
  title: LocalizedText;
  description?: LocalizedText;
  layout?: FormLayout;
  permissions?: PermissionTable;
  fields: FieldDefinition[];
}

export function entryKey(entry: SectionEntry): string {
  return typeof entry === 'string' ? entry : entry.field;
}
