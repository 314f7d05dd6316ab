import type { LocalizedText } from '@tessera/rules';

/** A JSON-logic rule, as stored in definitions. */
export type JsonLogic = Record<string, unknown> | unknown[] | string | number | boolean | null;

/** A switch that is either fixed or decided by a rule over the form's data. */
export type Condition = boolean | JsonLogic;

export type FieldType =
  | 'text'
  | 'textarea'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'select'
  | 'radio'
  | 'checkboxes'
  | 'boolean'
  | 'idNumber'
  | 'creditCode'
  | 'bankCard'
  | 'mobile'
  | 'email'
  | 'attachment'
  | 'relation'
  | 'computed'
  | 'subform';

export type FieldAccess = 'hidden' | 'read' | 'write';

export interface FieldOption {
  value: string;
  label: LocalizedText;
}

export interface FieldValidation {
  /** A rule over the data that must hold; `{ "var": "" }` style paths are the form's fields. */
  rule: JsonLogic;
  message: LocalizedText;
}

export interface FieldDefinition {
  key: string;
  type: FieldType;
  label: LocalizedText;
  description?: LocalizedText;
  placeholder?: LocalizedText;
  required?: Condition;
  visible?: Condition;
  readonly?: Condition;
  default?: unknown;
  options?: FieldOption[];
  /** text: length; number and money: value. */
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  validations?: FieldValidation[];
  /** How the value is shown to readers without write access, e.g. `mobile`, `idNumber`, `bankCard`, `name`. */
  mask?: string;
  /** Per role and per process step: hidden, read or write. */
  permissions?: { roles?: Record<string, FieldAccess>; steps?: Record<string, FieldAccess> };
  currency?: string;
  precision?: number;
  /** computed fields: the rule giving the value. */
  compute?: JsonLogic;
  /** relation fields: the form whose records are referenced. */
  relation?: { formKey: string; displayField?: string };
  /** subforms: the fields of one row. */
  fields?: FieldDefinition[];
  minRows?: number;
  maxRows?: number;
}

export interface FormSection {
  id: string;
  /** A titled block on one page, or one tab of a tab group. */
  kind: 'section' | 'tab';
  title: LocalizedText;
  columns: 1 | 2 | 3;
  /** Keys of the top-level fields shown here, in order. */
  fields: string[];
}

export interface FormDefinition {
  key: string;
  name: LocalizedText;
  version?: number;
  description?: LocalizedText;
  fields: FieldDefinition[];
  layout?: { sections: FormSection[] };
}
