import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appManifestSchema } from './manifest-schema';
import { validateManifest } from './validate-manifest';

const validManifest = {
  key: 'demo-app',
  version: '1.0.0',
  name: { 'zh-CN': '演示', en: 'Demo' },
  description: { 'zh-CN': '演示应用', en: 'A demo app' },
  roles: [{ key: 'clerk', name: { 'zh-CN': '柜员', en: 'Clerk' } }],
  navigation: [{ key: 'inbox', label: { 'zh-CN': '待办', en: 'Tasks' }, type: 'inbox' }],
};

describe('the app manifest', () => {
  it('is published as a JSON Schema file that editors read through $schema, identical to the one validation uses', () => {
    const published = JSON.parse(readFileSync(join(__dirname, '..', '..', 'schema', 'app.schema.json'), 'utf8'));
    expect(published).toEqual(JSON.parse(JSON.stringify(appManifestSchema)));
  });

  it('accepts a minimal manifest', () => {
    expect(validateManifest(validManifest)).toEqual({ manifest: validManifest, problems: [] });
  });

  it('names the path of every schema violation with bilingual messages', () => {
    const { problems } = validateManifest({ ...validManifest, key: 'Demo App', name: { 'zh-CN': '演示' }, navigation: [{ key: 'list', label: validManifest.name, type: 'records' }] });
    expect(problems.map((problem) => [problem.path, problem.message.en])).toEqual(
      expect.arrayContaining([
        ['key', 'does not match the pattern ^[a-z][a-z0-9-]*$'],
        ['name', 'missing required property "en"'],
        ['navigation[0]', 'missing required property "form"'],
      ]),
    );
    expect(problems.every((problem) => problem.file === 'app.json' && problem.message['zh-CN'].length > 0)).toBe(true);
  });

  it('accepts the url format on a string setting and refuses it on any other type, naming the setting', () => {
    const label = { 'zh-CN': '接口', en: 'Endpoint' };
    const url = { type: 'string', format: 'url', label, default: 'https://core.example/api' };
    expect(validateManifest({ ...validManifest, settings: { endpoint: url } }).problems).toEqual([]);
    const { problems } = validateManifest({ ...validManifest, settings: { limit: { type: 'number', format: 'url', label } } });
    expect(problems.map((problem) => problem.path)).toContain('settings.limit.type');
  });

  it('refuses duplicate role keys and an app depending on itself', () => {
    const { problems } = validateManifest({
      ...validManifest,
      roles: [...validManifest.roles, ...validManifest.roles],
      dependencies: [{ app: 'demo-app', version: '^1.0.0', forms: ['x'] }],
    });
    expect(problems.map((problem) => [problem.code, problem.path])).toEqual([
      ['manifest.duplicateKey', 'roles[1].key'],
      ['manifest.selfDependency', 'dependencies[0].app'],
    ]);
  });
});
