export { DefinitionError, type Problem } from '@tessera/rules';
export { AppPackageError, type PackageProblem } from './problems/package-problem';

// Loading a template: from a zip upload, a folder on disk or text contents.
export { loadTemplateZip } from './files/load-zip';
export { loadTemplateFolder, templateFilesFromText } from './files/load-folder';
export { loadTemplate } from './files/load-template';
export { defaultLoadLimits, type LoadLimits, type TemplateFiles } from './files/template-files';

// The manifest.
export type { AppDependency, AppManifest, AppRole, AppSetting, ArtifactLists, NavigationItem, NavigationTarget } from './manifest/manifest';
export { appManifestSchema } from './manifest/manifest-schema';
export { validateManifest } from './manifest/validate-manifest';

// Hashes and versions, for idempotent imports and upgrades.
export { canonicalJson, hashJson, hashText } from './hashing/content-hash';
export { compareVersions, satisfiesRange } from './versions/semver';

// Validation of a whole template, and the package the server imports.
export type { AppPackage, PackagedArtifact, PackagedProcess, PackagedSeed, SeedRecord } from './app-package';
export { loadAppPackage, validateAppPackage, type ValidationResult } from './validation/validate-package';
export type { InstalledApp, ValidateOptions } from './validation/validation-context';
export { scenarioSchema } from './scenarios/scenario-schema';
export { artifactHashes, planImport, type ArtifactChange, type ImportPlan, type InstalledAppVersion } from './import-plan/plan-import';
export { importOrder, ImportOrderError } from './import-plan/import-order';
