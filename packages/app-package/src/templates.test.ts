import { join } from 'node:path';
import { loadTemplateFolder } from './files/load-folder';
import { validateAppPackage } from './validation/validate-package';

const templatesRoot = join(__dirname, '..', '..', '..', 'templates');

describe.each(['customer-profile', 'loan-approval', 'complaint-ticket'])('the %s template', (name) => {
  it('validates with no problems at all', async () => {
    const result = await validateAppPackage(await loadTemplateFolder(join(templatesRoot, name)));
    expect(result.problems.map((problem) => `${problem.file} ${problem.elementId ?? problem.path ?? ''}: ${problem.message.en}`)).toEqual([]);
    expect(result.package?.key).toBe(name);
  });
});
