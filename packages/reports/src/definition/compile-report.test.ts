import { DefinitionError } from '@tessera/rules';
import report from '../dashboard/fixtures/complaints.report.json';
import { complaintSchema } from '../test-support/complaint-data';
import { compileReport, type ReportCompileOptions } from './compile-report';

function problemsOf(input: unknown, schemaFor: ReportCompileOptions['schemaFor'] = () => complaintSchema) {
  try {
    compileReport(input, { schemaFor });
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).problems.map((problem) => `${problem.code} @ ${problem.path}`);
  }
  throw new Error('the report compiled');
}

const clone = () => JSON.parse(JSON.stringify(report));

describe('compileReport', () => {
  it('compiles the complaint report with its datasets', () => {
    const compiled = compileReport(report, { schemaFor: () => complaintSchema });
    expect(Object.keys(compiled.datasets)).toEqual(['perCategoryPerMonth', 'service', 'aumBands']);
  });

  it('checks the JSON Schema first, naming every wrong place', () => {
    const broken = clone();
    broken.charts[0].type = 'spiral';
    broken.datasets[1].measures[0].field = 'amount';
    delete broken.title.en;
    expect(problemsOf(broken)).toEqual([
      'schema.required @ title',
      'schema.additionalProperties @ datasets[1].measures[0]',
      'schema.enum @ charts[0].type',
    ]);
  });

  it('checks every cross-reference: forms, fields, charts, widgets and filter bindings', () => {
    const broken = clone();
    broken.datasets[2].source.form = 'nothing';
    broken.datasets[1].measures[1].to = 'firstReplyAt';
    broken.charts[0].series = 'branch';
    broken.charts[1].dataset = 'missing';
    broken.dashboards[0].widgets[1].x = 2;
    broken.dashboards[0].filters[2].bindings[0].parameter = 'region';
    const schemaFor: ReportCompileOptions['schemaFor'] = (source) =>
      'form' in source && source.form === 'complaint' ? complaintSchema : undefined;
    expect(problemsOf(broken, schemaFor)).toEqual([
      'dataset.unknownField @ datasets[1].measures[1].to',
      'report.unknownForm @ datasets[2].source.form',
      'chart.unknownDimension @ charts[0].series',
      'chart.unknownDataset @ charts[1].dataset',
      'dashboard.overlap @ dashboards[0].widgets[1]',
      'dashboard.unknownParameter @ dashboards[0].filters[2].bindings[0].parameter',
    ]);
  });
});
