import { importProblemRows } from './import-problems';

describe('the problems of a refused import', () => {
  it('name the file and the place inside it', () => {
    expect(
      importProblemRows([
        { path: 'processes/complaint-handling.bpmn:handle_complaint', code: 'reference.form', message: '表单“complaint_handlin”不存在' },
        { path: 'forms/complaint.form.json:fields[2].options', code: 'schema', message: 'must be array' },
        { path: 'app.json', code: 'manifest.missing', message: 'missing' },
        { file: 'rules/a.rules.json', path: 'rules[0]', code: 'x', message: 'bad' },
      ]),
    ).toEqual([
      { file: 'processes/complaint-handling.bpmn', where: 'handle_complaint', code: 'reference.form', message: '表单“complaint_handlin”不存在' },
      { file: 'forms/complaint.form.json', where: 'fields[2].options', code: 'schema', message: 'must be array' },
      { file: 'app.json', where: '', code: 'manifest.missing', message: 'missing' },
      { file: 'rules/a.rules.json', where: 'rules[0]', code: 'x', message: 'bad' },
    ]);
  });
});
