import { compileDataset, DefinitionError, evaluateInMemory, toSql } from './index';

describe('@tessera/reports', () => {
  it('compiles a dataset to SQL and evaluates it in memory from one entry point', () => {
    const dataset = compileDataset(
      {
        key: 'byBranch',
        source: { type: 'records', form: 'complaint' },
        dimensions: [{ key: 'branch', field: 'branch' }],
        measures: [{ key: 'n', aggregate: 'count' }],
      },
      { schema: { branch: 'string' } },
    );
    expect(toSql(dataset).text).toContain('GROUP BY 1');
    const row = {
      id: 'a',
      form_key: 'complaint',
      data: { branch: '上海分行' },
      created_at: new Date(),
      deleted_at: null,
    };
    expect(evaluateInMemory(dataset, [row])).toEqual([{ branch: '上海分行', n: 1 }]);
  });

  it('reports definition problems with the shared DefinitionError', () => {
    expect(() => compileDataset({ key: 'x', source: { type: 'records', form: 'f' } })).toThrow(DefinitionError);
  });
});
