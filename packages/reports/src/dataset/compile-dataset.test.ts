import { DefinitionError } from '@tessera/rules';
import type { DatasetDefinition } from '../definition/types';
import { complaintSchema } from '../test-support/complaint-data';
import { compileDataset } from './compile-dataset';
import { ParameterError } from './parameters';
import { toSql } from './to-sql';

const base: DatasetDefinition = {
  key: 'complaints',
  source: { type: 'records', form: 'complaint' },
  measures: [{ key: 'complaints', aggregate: 'count' }],
};

function problemsOf(definition: Partial<DatasetDefinition>) {
  try {
    compileDataset({ ...base, ...definition }, { schema: complaintSchema });
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).problems.map(({ code, path, message }) => ({
      code,
      path,
      en: message.en,
      zh: message['zh-CN'],
    }));
  }
  throw new Error('the dataset compiled');
}

describe('compileDataset', () => {
  it('names an operation that has no SQL translation, with where it sits in the filter', () => {
    expect(
      problemsOf({
        filter: {
          and: [{ '==': [{ var: 'branch' }, 'x'] }, { some: [{ var: 'items' }, { '>': [{ var: 'quantity' }, 1] }] }],
        },
      }),
    ).toEqual([
      expect.objectContaining({
        code: 'filter.unsupportedOperation',
        path: 'dataset.filter.and[1].some',
        en: expect.stringContaining('"some"'),
      }),
    ]);
    expect(problemsOf({ filter: { matches: [{ var: 'branch' }, '^上海'] } })[0]).toMatchObject({
      code: 'filter.unsupportedOperation',
      path: 'dataset.filter.matches',
    });
  });

  it('rejects unknown field paths in filters, dimensions and measures, listing every problem', () => {
    const problems = problemsOf({
      filter: { '==': [{ var: 'branchName' }, 'x'] },
      dimensions: [{ key: 'region', field: 'region' }],
      measures: [{ key: 'total', aggregate: 'sum', field: 'amout' }],
    });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['filter.unknownField', 'dataset.filter.==[0].var'],
      ['dataset.unknownField', 'dataset.dimensions[0].field'],
      ['dataset.unknownField', 'dataset.measures[0].field'],
    ]);
    expect(problems[0]!.zh).toContain('branchName');
  });

  it('refuses comparisons whose SQL and JavaScript meanings differ', () => {
    expect(problemsOf({ filter: { '==': [{ var: 'amount' }, '500.00'] } })[0]!.code).toBe('filter.typeMismatch');
    expect(problemsOf({ filter: { '===': [{ var: 'amount' }, 500] } })[0]!.code).toBe('filter.strictMoney');
    expect(problemsOf({ filter: { '<': [{ var: 'amount' }, { var: 'items' }] } })[0]!.code).toBe('filter.typeMismatch');
    expect(problemsOf({ filter: { '==': [{ var: '$createdAt' }, '2026-01-01'] } })[0]!.code).toBe(
      'filter.timestampEquality',
    );
  });

  it('checks measures and dimensions against the field types', () => {
    const problems = problemsOf({
      dimensions: [
        { key: 'month', field: 'branch', bucket: 'month' },
        { key: 'band', field: 'category', ranges: [{ key: 'a', to: 1 }] },
      ],
      measures: [
        { key: 'total', aggregate: 'sum', field: 'category' },
        { key: 'rate', aggregate: 'ratio', numerator: 'total', denominator: 'missing' },
        { key: 'p', aggregate: 'percentile', field: 'amount', percentile: 2 },
      ],
    });
    expect(problems.map((problem) => problem.code)).toEqual([
      'dataset.bucketNeedsDate',
      'dataset.rangesNeedNumber',
      'dataset.measureType',
      'dataset.unknownMeasure',
      'dataset.percentile',
    ]);
  });

  it('refuses keys that could not be SQL aliases, and sorting by an unknown key', () => {
    const problems = problemsOf({ measures: [{ key: 'a b"', aggregate: 'count' }], sort: [{ by: 'nothing' }] });
    expect(problems.map((problem) => problem.code)).toEqual(['dataset.invalidKey', 'dataset.unknownSortKey']);
  });

  it('refuses a hostile rule through the rules engine limits, before translating it', () => {
    let deep: unknown = { var: 'branch' };
    for (let level = 0; level < 5000; level += 1) deep = { '!': deep };
    const [problem] = problemsOf({ filter: deep });
    expect(problem!.code).toMatch(/^rule\./);
    expect(problem!.path).toMatch(/^dataset\.filter/);
  });

  it('refuses a subform source that is not a subform of the form', () => {
    expect(problemsOf({ source: { type: 'subformRows', form: 'complaint', path: 'branch' } })[0]!.code).toBe(
      'dataset.notASubform',
    );
  });

  it('lists the paths a dataset may read, for the report designer', () => {
    const records = compileDataset(base, { schema: complaintSchema });
    expect(records.resolver.knownPaths()).toEqual(expect.arrayContaining(['$createdAt', '$ownerId', 'amount', 'customer.segment']));
    const rows = compileDataset({ ...base, source: { type: 'subformRows', form: 'complaint', path: 'items' } }, { schema: complaintSchema });
    expect(rows.resolver.knownPaths()).toEqual(expect.arrayContaining(['product', 'price', '$parent.branch', '$createdAt']));
  });

  it('reads table and column names from the mapping, quoted', () => {
    const dataset = compileDataset(base, {
      schema: complaintSchema,
      tables: { record: { name: 'app records', columns: { form_key: 'formKey' } } },
    });
    expect(toSql(dataset).text).toBe(
      'SELECT (count(*))::float8 AS "complaints" FROM "app records" AS t WHERE t."formKey" = $1::text AND t."deleted_at" IS NULL',
    );
  });
});

describe('parameters', () => {
  const dataset = compileDataset(
    {
      ...base,
      parameters: { from: { type: 'date', required: true }, branch: { type: 'string' }, minimum: { type: 'number' } },
      filter: {
        and: [
          { '>=': [{ var: '$createdAt' }, { var: '$params.from' }] },
          { '>': [{ var: 'amount' }, { var: '$params.minimum' }] },
        ],
      },
    },
    { schema: complaintSchema },
  );

  it('lists every missing, unknown or mistyped parameter', () => {
    try {
      toSql(dataset, { minimum: 'lots', region: 'east' });
      throw new Error('no error');
    } catch (error) {
      expect(error).toBeInstanceOf(ParameterError);
      expect((error as ParameterError).problems.map((problem) => [problem.code, problem.path])).toEqual([
        ['param.unknown', 'params.region'],
        ['param.required', 'params.from'],
        ['param.notANumber', 'params.minimum'],
      ]);
    }
  });

  it('sends each parameter once, as a value', () => {
    const query = toSql(dataset, { from: '2026-01-01', minimum: 5 });
    expect(query.values).toEqual(['complaint', '2026-01-01', 'Asia/Shanghai', '5']);
  });

  it('refuses a filter naming an undeclared parameter', () => {
    expect(problemsOf({ filter: { '==': [{ var: 'branch' }, { var: '$params.branch' }] } })[0]!.code).toBe(
      'filter.unknownParameter',
    );
  });
});
