import type { LocalizedText } from '@tessera/rules';
import type { AppPackage } from '../app-package';
import { compareVersions } from '../versions/semver';

export type ArtifactKindName = 'form' | 'process' | 'decisionTable' | 'ruleSet' | 'report' | 'seed' | 'scenario';

/** What the server remembers of an installed version, to decide what a new import changes. */
export interface InstalledAppVersion {
  version: string;
  hash: string;
  artifacts: { kind: ArtifactKindName; key: string; hash: string }[];
}

export interface ArtifactChange {
  kind: ArtifactKindName;
  key: string;
  change: 'added' | 'changed' | 'unchanged' | 'removed';
}

export interface ImportPlan {
  action: 'install' | 'upgrade' | 'unchanged' | 'refuse';
  reason?: LocalizedText;
  changes: ArtifactChange[];
}

/** Every artifact of a package by kind and key, with its hash: what `InstalledAppVersion.artifacts` stores. */
export function artifactHashes(appPackage: AppPackage): InstalledAppVersion['artifacts'] {
  return [
    ...appPackage.forms.map((artifact) => ({ kind: 'form' as const, key: artifact.key, hash: artifact.hash })),
    ...appPackage.processes.map((artifact) => ({ kind: 'process' as const, key: artifact.key, hash: artifact.hash })),
    ...appPackage.decisionTables.map((artifact) => ({ kind: 'decisionTable' as const, key: artifact.key, hash: artifact.hash })),
    ...appPackage.ruleSets.map((artifact) => ({ kind: 'ruleSet' as const, key: artifact.key, hash: artifact.hash })),
    ...appPackage.reports.map((artifact) => ({ kind: 'report' as const, key: artifact.key, hash: artifact.hash })),
    ...appPackage.seed.map((artifact) => ({ kind: 'seed' as const, key: artifact.file, hash: artifact.hash })),
    ...appPackage.scenarios.map((artifact) => ({ kind: 'scenario' as const, key: artifact.key, hash: artifact.hash })),
  ];
}

/**
 * Decides what importing `next` over what is installed does. Re-importing the same content changes
 * nothing; a higher version upgrades, and only changed artifacts get new versions (running process
 * instances stay on the version they started with); the same version with other content, or a
 * lower version, is refused so that versions keep meaning one content.
 */
export function planImport(installed: InstalledAppVersion | undefined, next: AppPackage): ImportPlan {
  const nextArtifacts = artifactHashes(next);
  if (!installed) return { action: 'install', changes: nextArtifacts.map(({ kind, key }) => ({ kind, key, change: 'added' })) };
  const identity = (artifact: { kind: string; key: string }): string => `${artifact.kind}:${artifact.key}`;
  const before = new Map(installed.artifacts.map((artifact) => [identity(artifact), artifact.hash]));
  const after = new Set(nextArtifacts.map(identity));
  const changes: ArtifactChange[] = [
    ...nextArtifacts.map(({ kind, key, hash }): ArtifactChange => {
      const previous = before.get(identity({ kind, key }));
      return { kind, key, change: previous === undefined ? 'added' : previous === hash ? 'unchanged' : 'changed' };
    }),
    ...installed.artifacts.filter((artifact) => !after.has(identity(artifact))).map(({ kind, key }): ArtifactChange => ({ kind, key, change: 'removed' })),
  ];
  if (installed.hash === next.hash) return { action: 'unchanged', changes };
  const order = compareVersions(next.version, installed.version);
  if (order > 0) return { action: 'upgrade', changes };
  if (order === 0) {
    return {
      action: 'refuse',
      reason: {
        'zh-CN': `版本 ${next.version} 已安装但内容不同：修改模板后请提高 app.json 中的版本号`,
        en: `version ${next.version} is installed with other content: raise the version in app.json after changing a template`,
      },
      changes,
    };
  }
  return {
    action: 'refuse',
    reason: {
      'zh-CN': `已安装更高的版本 ${installed.version}，不能导入 ${next.version}`,
      en: `version ${installed.version} is installed, which is newer than ${next.version}`,
    },
    changes,
  };
}
