import type { FormPlan } from '../compile/field-plan';
import type { DataError } from './data-error';

const PATH = /^([^.[]*)(?:\[(\d+)\](?:\.([^.[]+))?)?/;

/** Where an error's field sits in the form: top-level position, row, position in the row; unknown fields last. */
function rank(plan: FormPlan, path: string): [number, number, number] {
  const [, top = '', row, rowKey] = PATH.exec(path) ?? [];
  const field = plan.byKey.get(top);
  if (!field) return [Number.MAX_SAFE_INTEGER, 0, 0];
  const rowField = rowKey === undefined ? undefined : field.rows?.byKey.get(rowKey);
  return [field.index, row === undefined ? -1 : Number(row), rowField ? rowField.index : rowKey === undefined ? -1 : Number.MAX_SAFE_INTEGER];
}

/** Errors in the order their fields appear in the form, so a reader meets them top to bottom. */
export function inFormOrder(plan: FormPlan, errors: DataError[]): DataError[] {
  if (errors.length < 2) return errors;
  const ranked = errors.map((error, position) => ({ error, position, rank: rank(plan, error.path) }));
  ranked.sort((left, right) => {
    for (let index = 0; index < 3; index += 1) {
      const difference = left.rank[index]! - right.rank[index]!;
      if (difference !== 0) return difference;
    }
    return left.position - right.position;
  });
  return ranked.map((entry) => entry.error);
}
