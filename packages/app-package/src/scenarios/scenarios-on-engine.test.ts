import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppPackage } from '../app-package';
import { loadTemplateFolder } from '../files/load-folder';
import { demoUsers } from '../test-support/demo-users';
import { playScenarioOnEngine } from '../test-support/engine-scenario-player';
import { loadAppPackage } from '../validation/validate-package';

const templatesRoot = join(__dirname, '..', '..', '..', '..', 'templates');
const templates = ['customer-profile', 'loan-approval', 'complaint-ticket'];

describe.each(templates)('the scenarios of %s', (name) => {
  let appPackage: AppPackage;
  beforeAll(async () => {
    appPackage = await loadAppPackage(await loadTemplateFolder(join(templatesRoot, name)));
  });

  it('cover the happy path, a rejection, a return or loop, an SLA escalation and a permission denial', () => {
    const kinds = new Set(appPackage.scenarios.map((scenario) => scenario.definition.kind));
    expect(appPackage.scenarios.length).toBeGreaterThanOrEqual(5);
    for (const kind of ['happyPath', 'rejection', 'returnLoop', 'slaEscalation', 'permissionDenial']) expect(kinds).toContain(kind);
  });

  it.each(readdirSync(join(templatesRoot, name, 'scenarios')))('%s plays through on the process engine', async (file) => {
    const scenario = appPackage.scenarios.find((candidate) => candidate.file === `scenarios/${file}`)!;
    const result = await playScenarioOnEngine(appPackage, scenario.definition as never, demoUsers);
    expect(result.notPlayed.every((step) => step.endsWith('expectAudit'))).toBe(true);
    expect(result.played + result.notPlayed.length).toBe((scenario.definition.steps as unknown[]).length);
  });
});
