import type { AppManifest } from '../manifest/manifest';
import { classifyFiles } from './classify-files';

const manifest: AppManifest = {
  key: 'demo',
  version: '1.0.0',
  name: { 'zh-CN': '演示', en: 'Demo' },
  description: { 'zh-CN': '演示', en: 'Demo' },
  roles: [{ key: 'clerk', name: { 'zh-CN': '柜员', en: 'Clerk' } }],
  navigation: [],
};

describe('classifyFiles', () => {
  it('sorts files by folder convention and carries documentation silently', () => {
    const { files, problems } = classifyFiles(
      ['app.json', 'forms/a.form.json', 'processes/p.bpmn', 'rules/t.decision.json', 'rules/s.rules.json', 'reports/r.report.json', 'seed/a.json', 'scenarios/x.json', 'README.md'],
      manifest,
    );
    expect(files).toEqual({
      forms: ['forms/a.form.json'],
      processes: ['processes/p.bpmn'],
      decisionTables: ['rules/t.decision.json'],
      ruleSets: ['rules/s.rules.json'],
      reports: ['reports/r.report.json'],
      seed: ['seed/a.json'],
      scenarios: ['scenarios/x.json'],
    });
    expect(problems).toEqual([]);
  });

  it('takes an explicit list as the whole truth for its kind: missing files are errors, stray ones warnings', () => {
    const { files, problems } = classifyFiles(['app.json', 'forms/a.form.json', 'forms/b.form.json', 'custom/c.json'], {
      ...manifest,
      artifacts: { forms: ['custom/c.json', 'forms/missing.form.json'] },
    });
    expect(files.forms).toEqual(['custom/c.json']);
    expect(problems.map((problem) => [problem.file, problem.code, problem.path, problem.severity ?? 'error'])).toEqual([
      ['app.json', 'manifest.artifact.missing', 'artifacts.forms[1]', 'error'],
      ['forms/a.form.json', 'package.file.unused', undefined, 'warning'],
      ['forms/b.form.json', 'package.file.unused', undefined, 'warning'],
    ]);
  });
});
