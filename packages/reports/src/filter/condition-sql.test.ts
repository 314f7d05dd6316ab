import { DefinitionError, type Rule } from '@tessera/rules';
import { compileDataset } from '../dataset/compile-dataset';
import { SqlParameters } from '../sql/sql-text';
import { conditionSql } from './condition-sql';

const dataset = compileDataset(
  { key: 'list', source: { type: 'records', form: 'loan' }, measures: [{ key: 'n', aggregate: 'count' }] },
  { schema: { amount: 'money', product: 'string' } },
);

describe('a rule as a condition of a query of the caller', () => {
  it('numbers its values after the values already in the query and reads rows as t', () => {
    const parameters = new SqlParameters();
    parameters.add('loan', 'text');
    const rule: Rule = { and: [{ '==': [{ var: 'product' }, "car' OR 1=1 --"] }, { '>': [{ var: 'amount' }, 100] }] };
    const sql = conditionSql(dataset, rule, parameters);
    expect(sql).toContain(`(t."data"->>'product')`);
    expect(sql).toContain('$2::text');
    expect(sql).toContain('$3::numeric');
    expect(sql).not.toContain('OR 1=1');
    expect(parameters.values).toEqual(['loan', "car' OR 1=1 --", '100']);
  });

  it('names the path of what has no SQL form', () => {
    const attempt = () => conditionSql(dataset, { '==': [{ var: 'salary' }, 1] }, new SqlParameters(), { base: 'q' });
    expect(attempt).toThrow(DefinitionError);
    try {
      attempt();
    } catch (error) {
      expect((error as DefinitionError).problems[0]).toMatchObject({
        code: 'filter.unknownField',
        path: 'q.==[0].var',
      });
    }
  });
});
