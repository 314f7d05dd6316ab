import type { ArtifactLists } from '../manifest/manifest';

export type ArtifactKind = keyof Required<ArtifactLists>;

export const artifactKinds: ArtifactKind[] = ['forms', 'processes', 'decisionTables', 'ruleSets', 'reports', 'seed', 'scenarios'];

/** Where each kind lives when `app.json` does not list it. */
export const folderConventions: Record<ArtifactKind, { folder: string; suffix: string }> = {
  forms: { folder: 'forms/', suffix: '.form.json' },
  processes: { folder: 'processes/', suffix: '.bpmn' },
  decisionTables: { folder: 'rules/', suffix: '.decision.json' },
  ruleSets: { folder: 'rules/', suffix: '.rules.json' },
  reports: { folder: 'reports/', suffix: '.report.json' },
  seed: { folder: 'seed/', suffix: '.json' },
  scenarios: { folder: 'scenarios/', suffix: '.json' },
};

export function conventionalKind(path: string): ArtifactKind | undefined {
  return artifactKinds.find((kind) => path.startsWith(folderConventions[kind].folder) && path.endsWith(folderConventions[kind].suffix));
}

/** Files a template may carry for its readers without their being artifacts. */
export function isDocumentation(path: string): boolean {
  return /\.(md|txt|png|svg|jpe?g)$/i.test(path) || path === 'LICENSE';
}
