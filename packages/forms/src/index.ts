export { DefinitionError, type Problem } from '@tessera/rules';

// Form definitions and their compilation.
export { compileForm } from './compile/compile-form';
export type { CompiledForm, FormFieldInfo } from './compile/compiled-form';
export { formDefinitionSchema } from './definition/form-definition-schema';
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
} from './definition/types';
export { fieldTypeNames } from './field-types/registry';
export type { JsonSchema } from './field-types/spec';
export type { DataError } from './errors/data-error';
export type { ValidationContext, ValidationResult } from './runtime/validate';
export type { EvaluationContext, FieldState, FormState } from './runtime/evaluate';
export type { WriteContext } from './permissions/accept-write';
export { resolvePermission, type Audience } from './permissions/resolve-permission';
export { migrateData as migrate, type MigrationResult, type RetypedField } from './versioning/migrate';
export { addTesseraFormats } from './submission/submission-ajv';

// Field-value helpers, usable on their own.
export { checkResidentId, isResidentId, parseResidentId, residentIdCheckCharacter } from './values/resident-id';
export type { ResidentIdCheck, ResidentIdInfo, ResidentIdProblem, Sex } from './values/resident-id';
export { checkUscc, isUscc, usccCheckCharacter } from './values/uscc';
export { checkBankCard, isBankCard, luhnCheckDigit, passesLuhn } from './values/bank-card';
export { isLandline, isMainlandMobile } from './values/phone';
export { toChineseCapitals } from './values/chinese-capitals';
export { compareDecimal, formatMoney, isDecimalString } from './values/money';
export { ageOn, businessDate, isIsoDate } from './values/calendar';
export { maskValue, type Mask, type MaskPreset, type MaskRule } from './masking/mask-value';

// Test-data generators: valid checksummed identifiers for tests and seed data.
export { generateBankCard, generateMobile, generateResidentId, generateUscc, seededRandom } from './test-data';
