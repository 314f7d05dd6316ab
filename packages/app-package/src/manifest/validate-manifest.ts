import Ajv from 'ajv';
import { packageProblem, type PackageProblem } from '../problems/package-problem';
import { schemaProblems } from '../problems/schema-problems';
import type { AppManifest, NavigationItem } from './manifest';
import { appManifestSchema } from './manifest-schema';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile<AppManifest>(appManifestSchema);

export const manifestFile = 'app.json';

/** Checks `app.json` against its schema and for duplicates the schema cannot see. */
export function validateManifest(value: unknown): { manifest?: AppManifest; problems: PackageProblem[] } {
  if (!validateSchema(value)) return { problems: schemaProblems(manifestFile, 'manifest.schema', validateSchema.errors) };
  const manifest = value;
  const problems: PackageProblem[] = [];
  const duplicate = (path: string, kind: { zh: string; en: string }, key: string): void => {
    problems.push(
      packageProblem(manifestFile, 'manifest.duplicateKey', { 'zh-CN': `${kind.zh} "${key}" 重复定义`, en: `${kind.en} "${key}" is defined more than once` }, { path }),
    );
  };
  const roleKeys = new Set<string>();
  manifest.roles.forEach((role, index) => {
    if (roleKeys.has(role.key)) duplicate(`roles[${index}].key`, { zh: '角色', en: 'role' }, role.key);
    roleKeys.add(role.key);
  });
  const navigationKeys = new Set<string>();
  const walk = (items: NavigationItem[], path: string): void => {
    items.forEach((item, index) => {
      const itemPath = `${path}[${index}]`;
      if (navigationKeys.has(item.key)) duplicate(`${itemPath}.key`, { zh: '导航项', en: 'navigation item' }, item.key);
      navigationKeys.add(item.key);
      if (item.children) walk(item.children, `${itemPath}.children`);
    });
  };
  walk(manifest.navigation, 'navigation');
  const dependencyApps = new Set<string>();
  manifest.dependencies?.forEach((dependency, index) => {
    if (dependency.app === manifest.key) {
      problems.push(
        packageProblem(manifestFile, 'manifest.selfDependency', { 'zh-CN': '应用不能依赖自身', en: 'an app cannot depend on itself' }, { path: `dependencies[${index}].app` }),
      );
    }
    if (dependencyApps.has(dependency.app)) duplicate(`dependencies[${index}].app`, { zh: '依赖应用', en: 'dependency' }, dependency.app);
    dependencyApps.add(dependency.app);
  });
  return { manifest, problems };
}
