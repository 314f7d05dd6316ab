import type { AppManifest } from '../manifest/manifest';
import { importOrder, ImportOrderError } from './import-order';

const app = (key: string, ...dependsOn: string[]): { manifest: AppManifest } => ({
  manifest: {
    key,
    version: '1.0.0',
    name: { 'zh-CN': key, en: key },
    description: { 'zh-CN': key, en: key },
    roles: [{ key: 'admin', name: { 'zh-CN': '管理员', en: 'Administrator' } }],
    navigation: [],
    dependencies: dependsOn.map((dependency) => ({ app: dependency, version: '^1.0.0', forms: ['customer'] })),
  },
});

describe('importOrder', () => {
  it('puts every app after the apps it depends on, whatever order they come in', () => {
    const keys = importOrder([app('loan-approval', 'customer-profile'), app('complaint-ticket', 'customer-profile'), app('customer-profile')]).map((entry) => entry.manifest.key);
    expect(keys).toEqual(['customer-profile', 'complaint-ticket', 'loan-approval']);
  });

  it('leaves dependencies on apps outside the list to the installed ones', () => {
    expect(importOrder([app('loan-approval', 'customer-profile')]).map((entry) => entry.manifest.key)).toEqual(['loan-approval']);
  });

  it('refuses a cycle and names it', () => {
    expect(() => importOrder([app('a', 'b'), app('b', 'a')])).toThrow(ImportOrderError);
    expect(() => importOrder([app('a', 'b'), app('b', 'a')])).toThrow('the apps depend on each other in a cycle: a → b → a');
  });
});
