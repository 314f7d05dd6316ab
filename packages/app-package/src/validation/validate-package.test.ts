import { join } from 'node:path';
import { loadTemplateFolder } from '../files/load-folder';
import type { TemplateFiles } from '../files/template-files';
import { AppPackageError } from '../problems/package-problem';
import { loadAppPackage, validateAppPackage } from './validate-package';

const templatesRoot = join(__dirname, '..', '..', '..', '..', 'templates');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

function edit(files: TemplateFiles, path: string, change: (text: string) => string): Map<string, Uint8Array> {
  const copy = new Map(files);
  const before = decoder.decode(copy.get(path));
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${path} changed nothing`);
  copy.set(path, encoder.encode(after));
  return copy;
}

describe('validateAppPackage', () => {
  let loan: TemplateFiles;
  beforeAll(async () => {
    loan = await loadTemplateFolder(join(templatesRoot, 'loan-approval'));
  });

  it('lists every broken reference at once, each with its file and path or element id', async () => {
    let files = edit(loan, 'processes/loan-approval.bpmn', (xml) =>
      xml.replace('tessera:formKey="risk_review"', 'tessera:formKey="risk_reveiw"').replace('tessera:candidateRoles="branch_manager"', 'tessera:candidateRoles="branch_boss"'),
    );
    files = edit(files, 'forms/loan-application.form.json', (text) => text.replace('"form": "customer"', '"form": "client"'));
    files = edit(files, 'rules/loan-precheck.decision.json', (text) => text.replace('"var": "monthlyDebt"', '"var": "monthlyDebts"'));
    files = edit(files, 'reports/loan-pipeline.report.json', (text) => text.replace('"field": "creditGrade"', '"field": "creditGrad"'));
    files = edit(files, 'app.json', (text) => text.replace('"dashboard": "lending_overview"', '"dashboard": "lending"'));

    const result = await validateAppPackage(files);
    expect(result.package).toBeUndefined();
    const listed = result.problems.map((problem) => [problem.file, problem.code, problem.elementId ?? problem.path]);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['processes/loan-approval.bpmn', 'reference.form.unknown', 'risk_review'],
        ['processes/loan-approval.bpmn', 'reference.role.unknown', 'branch_approval'],
        ['forms/loan-application.form.json', 'reference.form.unknown', 'fields[0].form'],
        ['rules/loan-precheck.decision.json', 'var.unknown', expect.stringMatching(/^inputs\[2\]\.expression/)],
        ['reports/loan-pipeline.report.json', 'dataset.unknownField', 'datasets[3].dimensions[1].field'],
        ['app.json', 'reference.dashboard.unknown', 'navigation[3].dashboard'],
      ]),
    );
    expect(listed).toHaveLength(6);
    const roleProblem = result.problems.find((problem) => problem.code === 'reference.role.unknown')!;
    expect(roleProblem.message).toEqual({
      'zh-CN': '角色 "branch_boss" 未在 app.json 的 roles 中声明',
      en: 'the role "branch_boss" is not declared in the roles of app.json',
    });
  });

  it('checks rule sets against the form they run on: fields, tags, processes and roles', async () => {
    const customer = await loadTemplateFolder(join(templatesRoot, 'customer-profile'));
    let files = edit(customer, 'rules/customer-tiering.rules.json', (text) => text.replace('"tag": "high_net_worth"', '"tag": "rich"').replace('"money>=": [\n          {\n            "var": "aum"', '"money>=": [\n          {\n            "var": "assets"'));
    files = edit(files, 'rules/customer-health.rules.json', (text) => text.replace('"account_manager"', '"relationship_manager"'));
    files = edit(files, 'rules/product-expiry.rules.json', (text) => text.replace('"process": "product_expiry_reminder"', '"process": "expiry"'));
    const { problems } = await validateAppPackage(files);
    const listed = problems.map((problem) => [problem.file, problem.code, problem.path]);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['rules/customer-tiering.rules.json', 'var.unknown', 'rules[0].when.money>=[0].var'],
        ['rules/customer-tiering.rules.json', 'reference.tag.unknown', 'rules[0].actions[2].tag'],
        ['rules/customer-health.rules.json', 'reference.role.unknown', 'rules[0].actions[4].candidateGroups[0]'],
        ['rules/product-expiry.rules.json', 'reference.process.unknown', 'rules[0].actions[0].process'],
      ]),
    );
    expect(listed).toHaveLength(4);
    expect(problems.find((problem) => problem.code === 'var.unknown')!.message.en).toContain('assets');
  });

  it('holds seed records to their form\'s validation and their relations to existing seed records', async () => {
    const customer = await loadTemplateFolder(join(templatesRoot, 'customer-profile'));
    const seed = JSON.parse(decoder.decode(customer.get('seed/product-holdings.json')));
    seed.records[3].data.customer.id = 'cust-9999';
    const customers = JSON.parse(decoder.decode(customer.get('seed/customers.json')));
    const idNumber: string = customers.records[0].data.idNumber;
    customers.records[0].data.idNumber = idNumber.slice(0, 17) + (idNumber.endsWith('0') ? '1' : '0');
    const files = new Map(customer);
    files.set('seed/product-holdings.json', encoder.encode(JSON.stringify(seed)));
    files.set('seed/customers.json', encoder.encode(JSON.stringify(customers)));
    const { problems } = await validateAppPackage(files);
    expect(problems.map((problem) => [problem.file, problem.code, problem.path])).toEqual([
      ['seed/customers.json', 'seed.residentId.checksum', 'records[0].data.idNumber'],
      ['seed/product-holdings.json', 'seed.relation.unknown', 'records[3].data.customer'],
    ]);
  });

  it('refuses the whole package through loadAppPackage when anything is wrong, with the engine\'s own findings', async () => {
    const files = edit(loan, 'processes/loan-approval.bpmn', (xml) => xml.replace('tessera:decisionTable="credit_grade"', 'tessera:decisionTable="credit_grades"'));
    await expect(loadAppPackage(files)).rejects.toThrow(AppPackageError);
    await expect(loadAppPackage(files)).rejects.toMatchObject({
      problems: [expect.objectContaining({ file: 'processes/loan-approval.bpmn', elementId: 'credit_grade', code: 'process.decisionTable.unknown' })],
    });
  });

  it('files the forms engine\'s problems under the form file', async () => {
    const files = edit(loan, 'forms/risk-review.form.json', (text) => text.replace('"type": "select"', '"type": "dropdown"'));
    const { problems } = await validateAppPackage(files);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.file === 'forms/risk-review.form.json' && problem.path?.startsWith('fields[1]'))).toBe(true);
  });

  it('reports a JSON syntax error with its line and a manifest schema error with its path', async () => {
    const broken = edit(loan, 'forms/risk-review.form.json', (text) => text.replace('"key": "risk_review",', '"key": "risk_review"'));
    const [syntax] = (await validateAppPackage(broken)).problems;
    expect(syntax).toMatchObject({ file: 'forms/risk-review.form.json', code: 'package.file.json' });
    expect(syntax!.message.en).toMatch(/line 3/);
    const badManifest = edit(loan, 'app.json', (text) => text.replace('"version": "1.0.0"', '"version": "1.0"'));
    expect((await validateAppPackage(badManifest)).problems).toEqual([expect.objectContaining({ file: 'app.json', code: 'manifest.schema', path: 'version' })]);
  });

  it('checks dependencies against installed apps when the server supplies them', async () => {
    const result = await validateAppPackage(loan, { installedApp: (key) => (key === 'customer-profile' ? { key, version: '2.0.0', forms: {} } : undefined) });
    expect(result.problems.map((problem) => problem.code)).toEqual(['dependency.version', 'dependency.form']);
  });

  it('gives stable artifact hashes, so re-importing the same template changes nothing', async () => {
    const first = await loadAppPackage(loan);
    const reformatted = edit(loan, 'forms/risk-review.form.json', (text) => JSON.stringify(JSON.parse(text)));
    const second = await loadAppPackage(reformatted);
    expect(second.hash).toBe(first.hash);
    expect(second.forms.map((form) => form.hash)).toEqual(first.forms.map((form) => form.hash));
    const changed = await loadAppPackage(edit(loan, 'forms/risk-review.form.json', (text) => text.replace('"maxLength": 1000', '"maxLength": 2000')));
    expect(changed.hash).not.toBe(first.hash);
    expect(changed.forms.find((form) => form.key === 'risk_review')!.hash).not.toBe(first.forms.find((form) => form.key === 'risk_review')!.hash);
  });
});

describe('validateAppPackage with the customer-profile app installed', () => {
  it('checks the loan template\'s references into the installed customer form', async () => {
    const customerProfile = await loadAppPackage(await loadTemplateFolder(join(templatesRoot, 'customer-profile')));
    const installedApp = (key: string) =>
      key === 'customer-profile'
        ? { key, version: customerProfile.version, forms: Object.fromEntries(customerProfile.forms.map((form) => [form.key, form.definition as { key: string }])) }
        : undefined;
    const loan = await loadTemplateFolder(join(templatesRoot, 'loan-approval'));
    expect((await validateAppPackage(loan, { installedApp })).problems).toEqual([]);
    const complaint = await loadTemplateFolder(join(templatesRoot, 'complaint-ticket'));
    expect((await validateAppPackage(complaint, { installedApp })).problems).toEqual([]);
  });
});
