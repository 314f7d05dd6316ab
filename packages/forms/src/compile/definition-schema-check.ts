import type { Problem } from '@tessera/rules';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { formDefinitionSchema } from '../definition/form-definition-schema';
import { joinPath, pointerToPath, problem } from './problem';

let validator: ValidateFunction | undefined;

function definitionValidator(): ValidateFunction {
  if (!validator) {
    // The schema is a constant of this package (its own test checks it against the meta-schema).
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, validateSchema: false });
    addFormats(ajv, ['date', 'date-time']);
    validator = ajv.compile(formDefinitionSchema);
  }
  return validator;
}

function describe(error: ErrorObject): Problem {
  const path = pointerToPath(error.instancePath);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return problem('definition.required', joinPath(path, String(params.missingProperty)), `缺少必填属性“${String(params.missingProperty)}”`, `missing property "${String(params.missingProperty)}"`);
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      return problem('definition.unknownProperty', joinPath(path, name), `不支持的属性“${name}”`, `unknown property "${name}" (it does not apply here)`);
    }
    case 'enum':
    case 'const': {
      const allowed = (params.allowedValues as unknown[] | undefined)?.map(String).join(', ') ?? String(params.allowedValue);
      return problem('definition.value', path, `取值无效，应为：${allowed}`, `invalid value; expected one of: ${allowed}`);
    }
    case 'type':
      return problem('definition.type', path, `类型应为 ${String(params.type)}`, `must be of type ${String(params.type)}`);
    case 'pattern':
      return problem('definition.pattern', path, `格式不正确（应匹配 ${String(params.pattern)}）`, `is not in the expected format (${String(params.pattern)})`);
    default:
      return problem(`definition.${error.keyword}`, path, `不符合表单定义格式：${error.message ?? ''}`, error.message ?? 'does not fit the form definition format');
  }
}

/** Checks a definition against `formDefinitionSchema`; every problem with its path. */
export function checkDefinitionSchema(definition: unknown): Problem[] {
  const validate = definitionValidator();
  if (validate(definition)) return [];
  // `if`/`anyOf` failures only repeat what their branches already said.
  const errors = (validate.errors ?? []).filter((error) => error.keyword !== 'if' && error.keyword !== 'anyOf');
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of errors) {
    const described = describe(error);
    const id = `${described.path}|${described.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(described);
  }
  return problems;
}
