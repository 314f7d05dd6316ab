import { zipSync } from 'fflate';
import { join } from 'node:path';
import { loadTemplateFolder } from '../files/load-folder';
import { loadTemplateZip } from '../files/load-zip';
import { playScenarioOnEngine } from '../test-support/engine-scenario-player';
import { loadAppPackage, validateAppPackage } from './validate-package';

const fixtures = join(__dirname, '..', 'fixtures');

describe('the minimal fixture template', () => {
  it('validates with no problems and packages every artifact with its hash', async () => {
    const { package: app, problems } = await validateAppPackage(await loadTemplateFolder(join(fixtures, 'minimal-app')));
    expect(problems).toEqual([]);
    expect(app).toMatchObject({ key: 'account-opening', version: '1.0.0' });
    expect(app!.forms.map((form) => form.key)).toEqual(['account_request']);
    expect(app!.processes.map((process) => [process.key, process.file])).toEqual([['account_opening', 'processes/account-opening.bpmn']]);
    expect(app!.decisionTables.map((table) => table.key)).toEqual(['review_level']);
    expect(app!.reports.map((report) => report.key)).toEqual(['account_requests']);
    expect(app!.seed).toEqual([expect.objectContaining({ form: 'account_request', records: expect.arrayContaining([expect.objectContaining({ id: 'request-2' })]) })]);
    expect([app!.hash, ...app!.forms.map((form) => form.hash)].every((hash) => /^sha256:[0-9a-f]{64}$/.test(hash))).toBe(true);
  });

  it('loads from a zip made with "compress folder" into the very same package', async () => {
    const folder = await loadTemplateFolder(join(fixtures, 'minimal-app'));
    const archive = zipSync(Object.fromEntries([...folder].map(([path, bytes]) => [`account-opening/${path}`, bytes])));
    const fromZip = await loadAppPackage(loadTemplateZip(archive));
    expect(fromZip.hash).toBe((await loadAppPackage(folder)).hash);
  });

  it('plays its scenario on the engines', async () => {
    const app = await loadAppPackage(await loadTemplateFolder(join(fixtures, 'minimal-app')));
    const users = [
      { username: 'teller_li', roles: ['teller'] },
      { username: 'reviewer_zhou', roles: ['reviewer'] },
    ];
    await expect(playScenarioOnEngine(app, app.scenarios[0]!.definition as never, users)).resolves.toEqual({ played: 5, notPlayed: [] });
  });
});

describe('the broken fixture template', () => {
  it('lists every problem of every file, and nothing else', async () => {
    const { package: app, problems } = await validateAppPackage(await loadTemplateFolder(join(fixtures, 'broken-app')));
    expect(app).toBeUndefined();
    const listed = problems.map((problem) => [problem.file, problem.elementId ?? problem.path, problem.code, problem.severity ?? 'error']);
    expect(listed).toEqual(
      expect.arrayContaining([
        ['notes.bin', undefined, 'package.file.unused', 'warning'],
        ['forms/account-request.form.json', 'fields[4].permissions.roles.manager', 'reference.role.unknown', 'error'],
        ['forms/account-request.form.json', 'fields[2].form', 'reference.form.unknown', 'error'],
        ['processes/account-opening.bpmn', 'review', 'reference.form.step', 'error'],
        ['processes/account-opening.bpmn', 'review', 'reference.role.unknown', 'error'],
        ['processes/account-opening.bpmn', 'end', 'process.diagram.incomplete', 'warning'],
        ['processes/account-opening.bpmn', 'decide_level', 'process.decisionTable.unknown', 'error'],
        ['rules/review-level.decision.json', 'inputs[0].expression.var', 'var.unknown', 'error'],
        ['reports/account-requests.report.json', 'datasets[0].measures[1].field', 'dataset.unknownField', 'error'],
        ['reports/account-requests.report.json', 'charts[0].measures[0]', 'chart.unknownMeasure', 'error'],
        ['reports/account-requests.report.json', 'dashboards[0].widgets[0].chart', 'dashboard.unknownChart', 'error'],
        ['app.json', 'navigation[1].process', 'reference.process.unknown', 'error'],
        ['app.json', 'navigation[3].roles[0]', 'reference.role.unknown', 'error'],
        ['seed/account-requests.json', 'records[0].data.idNumber', 'seed.residentId.checksum', 'error'],
        ['seed/account-requests.json', 'records[1].data.nickname', 'seed.field.unknown', 'error'],
        ['scenarios/open-account.json', 'steps[1].instance', 'scenario.reference', 'error'],
        ['scenarios/open-account.json', 'steps[2].task.instance', 'scenario.reference', 'error'],
        ['scenarios/open-account.json', 'steps[3].task.instance', 'scenario.reference', 'error'],
        ['scenarios/open-account.json', 'steps[4].instance', 'scenario.reference', 'error'],
      ]),
    );
    expect(listed).toHaveLength(19);
    expect(problems.every((problem) => problem.message['zh-CN'].length > 0 && problem.message.en.length > 0)).toBe(true);
  });
});
