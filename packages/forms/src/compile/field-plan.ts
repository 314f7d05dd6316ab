import type { CompiledRule, LocalizedText, VariableType } from '@tessera/rules';
import type { FieldDefinition, FieldMask, FieldType, Permission, PermissionTable } from '../definition/types';
import type { FieldTypeSpec } from '../field-types/spec';

/** `true`/`false` for fixed states, a compiled rule otherwise. */
export type Condition = boolean | CompiledRule;

export interface CompiledValidation {
  rule: CompiledRule;
  message: LocalizedText;
  code: string;
}

/** Everything the runtime needs about one field, prepared once by `compileForm`. */
export interface FieldPlan {
  /** Position among its siblings (top-level fields, or a subform's row fields). */
  index: number;
  key: string;
  /** `amount`, or `guarantors.name` for a row field. */
  path: string;
  parentPath?: string;
  /** Where the field sits in the definition, e.g. `fields[4].fields[1]`. */
  definitionPath: string;
  type: FieldType;
  definition: FieldDefinition;
  spec: FieldTypeSpec;
  label: LocalizedText;
  valueType: VariableType;
  visible: Condition;
  required: Condition;
  readonly: Condition;
  computed?: CompiledRule;
  defaultRule?: CompiledRule;
  optionsRule?: CompiledRule;
  validations: CompiledValidation[];
  permissions?: PermissionTable;
  mask?: FieldMask;
  /** Row fields of a subform. */
  rows?: RowPlan;
}

export interface RowPlan {
  fields: FieldPlan[];
  /** Row fields in the order their visibility and computed values must be resolved. */
  order: FieldPlan[];
  byKey: Map<string, FieldPlan>;
}

export interface FormPlan {
  fields: FieldPlan[];
  order: FieldPlan[];
  byKey: Map<string, FieldPlan>;
  permissions?: PermissionTable;
}

export type { Permission };
