import type { LocalizedText, Problem, VariableSchema, VariableType } from '@tessera/rules';
import type { ValidateFunction } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import type { FieldType, FormDefinition } from '../definition/types';
import type { JsonSchema } from '../field-types/spec';
import { refusedWrites, type WriteContext } from '../permissions/accept-write';
import { projectData } from '../permissions/project';
import { permissionResolver, type Audience } from '../permissions/resolve-permission';
import { evaluateForm, type EvaluationContext, type FormState } from '../runtime/evaluate';
import { initialData } from '../runtime/initial-data';
import { validateSubmission, type ValidationContext, type ValidationResult } from '../runtime/validate';
import { createSubmissionAjv } from '../submission/submission-ajv';
import { submissionSchema } from '../submission/submission-schema';
import { migrateData, type MigrationResult } from '../versioning/migrate';
import type { FieldPlan, FormPlan } from './field-plan';

/** One field that holds a value; row fields of subforms have `parentPath`. */
export interface FormFieldInfo {
  key: string;
  /** `amount`, or `guarantors.name` for a row field. */
  path: string;
  type: FieldType;
  label: LocalizedText;
  parentPath?: string;
  /** The type rules see, e.g. `money` for a money field or a computed field with money results. */
  valueType: VariableType;
}

export interface CompiledForm {
  readonly key: string;
  readonly version: number;
  readonly definition: FormDefinition;
  readonly fields: readonly FormFieldInfo[];
  readonly variableSchema: VariableSchema;
  /** Problems of the definition that do not stop it from working (warnings from rule checks). */
  readonly warnings: readonly Problem[];
  /** The JSON Schema of a submission; `required` lists what `audience` (default: nobody in particular) must always fill in. */
  toJsonSchema(audience?: Audience): JsonSchema;
  validate(data: unknown, context?: ValidationContext): ValidationResult;
  evaluate(data: unknown, context?: EvaluationContext): FormState;
  project(data: unknown, context: Audience & { locale?: string }): Record<string, unknown>;
  acceptWrite(previous: unknown, next: unknown, context: WriteContext): string[];
  initialData(values?: unknown, context?: { now?: string | Date }): Record<string, unknown>;
  migrate(data: unknown, fromDefinition: FormDefinition | CompiledForm, toDefinition?: FormDefinition | CompiledForm): MigrationResult;
  /** Whether a value is acceptable for the field at `path` (JSON Schema and its type's checks). */
  acceptsValue(path: string, value: unknown): boolean;
}

function fieldInfos(plan: FormPlan): FormFieldInfo[] {
  const infos: FormFieldInfo[] = [];
  const add = (field: FieldPlan) => {
    if (!field.spec.hasValue) return;
    infos.push({
      key: field.key,
      path: field.path,
      type: field.type,
      label: field.label,
      ...(field.parentPath ? { parentPath: field.parentPath } : {}),
      valueType: field.valueType,
    });
    field.rows?.fields.forEach(add);
  };
  plan.fields.forEach(add);
  return infos;
}

function findField(plan: FormPlan, path: string): FieldPlan | undefined {
  const [top, row] = path.split('.', 2) as [string, string | undefined];
  const field = plan.byKey.get(top);
  return row === undefined ? field : field?.rows?.byKey.get(row);
}

export interface CompiledFormParts {
  form: CompiledForm;
  /** The submission validator, compiled on first call. */
  submissionValidator: () => ValidateFunction;
}

export function createCompiledForm(definition: FormDefinition, plan: FormPlan, variableSchema: VariableSchema, warnings: Problem[]): CompiledFormParts {
  const permissionsFor = permissionResolver(plan);
  let ajv: Ajv2020 | undefined;
  let validator: ValidateFunction | undefined;
  const valueValidators = new Map<string, ValidateFunction>();
  const submissionAjv = () => (ajv ??= createSubmissionAjv());
  // ajv compiles once per form, on first use (or when compileForm checks the defaults).
  const submissionValidator = () => (validator ??= submissionAjv().compile(submissionSchema(plan, { forExport: false })));

  const form: CompiledForm = {
    key: definition.key,
    version: definition.version,
    definition,
    fields: fieldInfos(plan),
    variableSchema,
    warnings,
    toJsonSchema: (audience = {}) => submissionSchema(plan, { forExport: true, permissions: permissionsFor(audience) }),
    validate: (data, context) => validateSubmission(plan, submissionValidator(), permissionsFor, data, context),
    evaluate: (data, context) => evaluateForm(plan, permissionsFor, data, context),
    project: (data, context) => projectData(plan, permissionsFor, data, context),
    acceptWrite: (previous, next, context) => refusedWrites(plan, permissionsFor, previous, next, context),
    initialData: (values, context) => initialData(plan, values, { now: context?.now }),
    migrate: (data, fromDefinition, toDefinition) => migrateData(data, fromDefinition, toDefinition ?? form),
    acceptsValue: (path, value) => {
      const field = findField(plan, path);
      if (!field || !field.spec.hasValue) return false;
      let validate = valueValidators.get(field.path);
      if (!validate) {
        const schema = field.rows
          ? submissionSchema({ ...plan, fields: [field] }, { forExport: false })
          : field.spec.valueSchema(field.definition);
        validate = submissionAjv().compile(schema);
        valueValidators.set(field.path, validate);
      }
      const candidate = field.rows ? { [field.key]: value } : value;
      return validate(candidate) && (field.rows !== undefined || field.spec.check?.(value, field.definition, {}) == null);
    },
  };
  return { form, submissionValidator };
}
