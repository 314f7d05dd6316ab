import { DefinitionError, type Problem } from '@tessera/rules';
import type { FormDefinition } from '../definition/types';
import { buildPlan } from './build-plan';
import { createCompiledForm, type CompiledForm } from './compiled-form';
import { checkDefinition } from './definition-checks';
import { checkDefinitionSchema } from './definition-schema-check';
import { checkDefaults } from './default-checks';
import { formVariableSchema } from './variable-schema';

/**
 * Checks a form definition once and returns the compiled form. Throws a DefinitionError listing
 * every problem with its path: schema violations first; when the shape is right, duplicate keys,
 * contradictory bounds, layout references, rules checked against the form's own field types,
 * invalid defaults and cycles among computed and conditionally visible fields.
 */
export function compileForm(definition: unknown): CompiledForm {
  const schemaProblems = checkDefinitionSchema(definition);
  if (schemaProblems.length > 0) throw new DefinitionError(schemaProblems);
  const form = definition as FormDefinition;
  const problems: Problem[] = checkDefinition(form);
  const variableSchema = formVariableSchema(form.fields);
  const plan = buildPlan(form, variableSchema, problems);
  const warnings: Problem[] = [];
  const { form: compiled, submissionValidator } = createCompiledForm(form, plan, variableSchema, warnings);
  if (problems.length === 0) problems.push(...checkDefaults(plan, submissionValidator));
  if (problems.some((found) => found.severity !== 'warning')) throw new DefinitionError(problems);
  warnings.push(...problems);
  return compiled;
}
