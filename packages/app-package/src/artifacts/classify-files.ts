import type { AppManifest } from '../manifest/manifest';
import { manifestFile } from '../manifest/validate-manifest';
import { packageProblem, type PackageProblem } from '../problems/package-problem';
import { artifactKinds, conventionalKind, isDocumentation, type ArtifactKind } from './artifact-kinds';

export type ClassifiedFiles = Record<ArtifactKind, string[]>;

/**
 * Sorts the template's files into artifact kinds: by the manifest's lists where given, by folder
 * convention otherwise. A listed file that is missing is an error; a stray file is a warning.
 */
export function classifyFiles(paths: readonly string[], manifest: AppManifest): { files: ClassifiedFiles; problems: PackageProblem[] } {
  const problems: PackageProblem[] = [];
  const present = new Set(paths);
  const files = Object.fromEntries(artifactKinds.map((kind) => [kind, [] as string[]])) as ClassifiedFiles;
  const claimed = new Set<string>([manifestFile]);

  for (const kind of artifactKinds) {
    const listed = manifest.artifacts?.[kind];
    if (listed) {
      listed.forEach((path, index) => {
        if (!present.has(path)) {
          problems.push(
            packageProblem(manifestFile, 'manifest.artifact.missing', { 'zh-CN': `列出的文件 "${path}" 不存在`, en: `the listed file "${path}" does not exist` }, { path: `artifacts.${kind}[${index}]` }),
          );
          return;
        }
        if (claimed.has(path)) {
          problems.push(
            packageProblem(manifestFile, 'manifest.artifact.listedTwice', { 'zh-CN': `文件 "${path}" 被列为多种制品`, en: `the file "${path}" is listed as more than one artifact` }, { path: `artifacts.${kind}[${index}]` }),
          );
          return;
        }
        claimed.add(path);
        files[kind].push(path);
      });
    }
  }
  for (const path of [...paths].sort()) {
    if (claimed.has(path)) continue;
    const kind = conventionalKind(path);
    if (kind && !manifest.artifacts?.[kind]) {
      claimed.add(path);
      files[kind].push(path);
      continue;
    }
    if (isDocumentation(path)) continue;
    problems.push(
      packageProblem(
        path,
        'package.file.unused',
        { 'zh-CN': `文件 "${path}" 不属于任何制品，将被忽略`, en: `the file "${path}" is not part of any artifact and is ignored` },
        { severity: 'warning' },
      ),
    );
  }
  return { files, problems };
}
