import { RuleError } from '../rule-error';
import { formatMoney, Money, parseMoney } from '../values/money';
import type { CollectAggregation, DecisionTableOutput, HitPolicy } from './definition';

/** What a hit policy needs to pick the result from the matched rows. */
export interface MatchedRow {
  index: number;
  /** Output values by output id, in the outputs' order. */
  outputs: unknown[];
}

export interface HitPolicyContext {
  outputs: readonly DecisionTableOutput[];
  aggregation?: CollectAggregation;
  tableName: string;
}

function shape(outputs: readonly DecisionTableOutput[], values: readonly unknown[]): unknown {
  if (outputs.length === 1) return values[0];
  const result: Record<string, unknown> = {};
  outputs.forEach((output, index) => {
    result[output.id] = values[index];
  });
  return result;
}

function noMatch(outputs: readonly DecisionTableOutput[]): unknown {
  return shape(
    outputs,
    outputs.map((output) => (output.default === undefined ? null : output.default)),
  );
}

function sameValue(left: unknown, right: unknown): boolean {
  return left === right || JSON.stringify(left) === JSON.stringify(right);
}

function priorityKey(row: MatchedRow, outputs: readonly DecisionTableOutput[]): number[] {
  return outputs.flatMap((output, index) => {
    if (!output.values) return [];
    const position = output.values.findIndex((value) => sameValue(value, row.outputs[index]));
    return [position < 0 ? Number.MAX_SAFE_INTEGER : position];
  });
}

function aggregate(aggregation: CollectAggregation, values: unknown[], tableName: string): unknown {
  if (aggregation === 'COUNT') return values.length;
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length === 0) return null;
  let amounts;
  try {
    amounts = present.map((value) => parseMoney(value)!);
  } catch {
    throw new RuleError('table.aggregation_not_numeric', '', {
      'zh-CN': `决策表 ${tableName} 的 ${aggregation} 汇总遇到非数值输出`,
      en: `decision table ${tableName} cannot ${aggregation} outputs that are not numbers`,
    });
  }
  const asText = present.some((value) => typeof value === 'string');
  if (aggregation === 'SUM') {
    const total = amounts.reduce((sum, value) => sum.plus(value), new Money(0));
    return asText ? formatMoney(total) : total.toNumber();
  }
  let chosen = 0;
  amounts.forEach((value, index) => {
    const order = value.comparedTo(amounts[chosen]!);
    if (aggregation === 'MIN' ? order < 0 : order > 0) chosen = index;
  });
  return present[chosen];
}

/** Picks the table's result from the rows whose conditions held, as the hit policy says. */
export function applyHitPolicy(policy: HitPolicy, matched: readonly MatchedRow[], context: HitPolicyContext): unknown {
  const { outputs, tableName } = context;
  switch (policy) {
    case 'UNIQUE':
      if (matched.length > 1) {
        const rows = matched.map((row) => row.index + 1).join(', ');
        throw new RuleError('table.unique_violation', '', {
          'zh-CN': `决策表 ${tableName} 的命中策略为 UNIQUE，但第 ${rows} 行同时命中`,
          en: `decision table ${tableName} is UNIQUE but rows ${rows} all match`,
        });
      }
      return matched.length === 0 ? noMatch(outputs) : shape(outputs, matched[0]!.outputs);
    case 'FIRST':
      return matched.length === 0 ? noMatch(outputs) : shape(outputs, matched[0]!.outputs);
    case 'ANY': {
      if (matched.length === 0) return noMatch(outputs);
      const conflicting = matched.find((row) => !sameValue(row.outputs, matched[0]!.outputs));
      if (conflicting) {
        throw new RuleError('table.any_conflict', '', {
          'zh-CN': `决策表 ${tableName} 的命中策略为 ANY，但第 ${matched[0]!.index + 1} 行与第 ${conflicting.index + 1} 行的输出不同`,
          en: `decision table ${tableName} is ANY but rows ${matched[0]!.index + 1} and ${conflicting.index + 1} give different outputs`,
        });
      }
      return shape(outputs, matched[0]!.outputs);
    }
    case 'PRIORITY': {
      if (matched.length === 0) return noMatch(outputs);
      let best = matched[0]!;
      let bestKey = priorityKey(best, outputs);
      for (const row of matched.slice(1)) {
        const key = priorityKey(row, outputs);
        const index = key.findIndex((position, at) => position !== bestKey[at]);
        if (index >= 0 && key[index]! < bestKey[index]!) {
          best = row;
          bestKey = key;
        }
      }
      return shape(outputs, best.outputs);
    }
    case 'RULE ORDER':
      return matched.map((row) => shape(outputs, row.outputs));
    case 'COLLECT':
      if (context.aggregation) return aggregate(context.aggregation, matched.map((row) => row.outputs[0]), tableName);
      return matched.map((row) => shape(outputs, row.outputs));
  }
}
