import { DefinitionError, type Rule } from '@tessera/rules';
import { type CompiledDataset, normaliseNow, translationContext } from '../dataset/compile-dataset';
import type { SqlParameters } from '../sql/sql-text';
import { translateCondition } from './rule-to-sql';
import { TranslationError } from './translation-error';

/**
 * One rule over a compiled dataset's source as a SQL condition (never NULL), its values added to
 * `parameters`, so a caller can compose it into a query of its own (e.g. a paged record list).
 * Rows are read through the alias `t`. Untranslatable rules throw a DefinitionError naming the path.
 */
export function conditionSql(
  dataset: CompiledDataset,
  rule: Rule,
  parameters: SqlParameters,
  options: { base?: string; now?: string | Date } = {},
): string {
  try {
    return translateCondition(
      rule,
      translationContext(dataset, parameters, {}, options.base ?? 'filter', normaliseNow(options.now)),
    );
  } catch (error) {
    if (error instanceof TranslationError) throw new DefinitionError([error.problem]);
    throw error;
  }
}
