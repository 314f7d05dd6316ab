import { join } from 'node:path';
import type { AppPackage } from '../app-package';
import { loadTemplateFolder } from '../files/load-folder';
import { loadAppPackage } from '../validation/validate-package';
import { artifactHashes, planImport, type InstalledAppVersion } from './plan-import';

const templatesRoot = join(__dirname, '..', '..', '..', '..', 'templates');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

describe('planImport', () => {
  let files: Map<string, Uint8Array>;
  let installed: InstalledAppVersion;
  let original: AppPackage;
  beforeAll(async () => {
    files = new Map(await loadTemplateFolder(join(templatesRoot, 'complaint-ticket')));
    original = await loadAppPackage(files);
    installed = { version: original.version, hash: original.hash, artifacts: artifactHashes(original) };
  });

  const variant = async (version: string, changeForm: boolean): Promise<AppPackage> => {
    const copy = new Map(files);
    copy.set('app.json', encoder.encode(decoder.decode(files.get('app.json')).replace('"version": "1.0.0"', `"version": "${version}"`)));
    if (changeForm) {
      copy.set('forms/satisfaction-survey.form.json', encoder.encode(decoder.decode(files.get('forms/satisfaction-survey.form.json')).replace('"maxLength": 500', '"maxLength": 800')));
    }
    return loadAppPackage(copy);
  };

  it('installs everything on a fresh database', () => {
    const plan = planImport(undefined, original);
    expect(plan.action).toBe('install');
    expect(plan.changes.every((change) => change.change === 'added')).toBe(true);
    expect(plan.changes).toContainEqual({ kind: 'process', key: 'complaint_handling', change: 'added' });
  });

  it('changes nothing when the same template is imported again', async () => {
    const again = await loadAppPackage(new Map(files));
    const plan = planImport(installed, again);
    expect(plan.action).toBe('unchanged');
    expect(plan.changes.every((change) => change.change === 'unchanged')).toBe(true);
  });

  it('upgrades a newer version, marking only the changed artifacts', async () => {
    const plan = planImport(installed, await variant('1.1.0', true));
    expect(plan.action).toBe('upgrade');
    expect(plan.changes.filter((change) => change.change !== 'unchanged')).toEqual([{ kind: 'form', key: 'satisfaction_survey', change: 'changed' }]);
  });

  it('refuses other content under the same version, and older versions', async () => {
    const sameVersion = planImport(installed, await variant('1.0.0', true));
    expect(sameVersion.action).toBe('refuse');
    expect(sameVersion.reason!.en).toBe('version 1.0.0 is installed with other content: raise the version in app.json after changing a template');
    expect(planImport({ ...installed, version: '2.0.0', hash: 'sha256:other' }, original).action).toBe('refuse');
  });
});
