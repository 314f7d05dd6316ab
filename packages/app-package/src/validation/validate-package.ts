import type { AppPackage, PackagedArtifact, PackagedProcess, PackagedSeed, SeedRecord } from '../app-package';
import { artifactKinds } from '../artifacts/artifact-kinds';
import { classifyFiles } from '../artifacts/classify-files';
import { decodeText, parseJsonFile } from '../artifacts/parse-artifact';
import type { TemplateFiles } from '../files/template-files';
import { hashJson, hashText } from '../hashing/content-hash';
import { manifestFile, validateManifest } from '../manifest/validate-manifest';
import { AppPackageError, isError, packageProblem, type PackageProblem } from '../problems/package-problem';
import { satisfiesRange } from '../versions/semver';
import { compileForm } from '@tessera/forms';
import { DefinitionError } from '@tessera/rules';
import { describeForm, type FormModel } from './form-model';
import { checkFormReferences, registerForm } from './checks/forms';
import { checkNavigation } from './checks/navigation';
import { checkProcessReferences, compileProcesses, registerProcess } from './checks/processes';
import { checkReport, registerReport } from './checks/reports';
import { checkDecisionTable, checkRuleSet, registerDecisionTable, registerRuleSet } from './checks/rule-artifacts';
import { checkScenario } from './checks/scenarios';
import { checkSeed, readSeed } from './checks/seed';
import { ValidationContext, type ValidateOptions } from './validation-context';

type Json = Record<string, unknown>;

export interface ValidationResult {
  /** Present when there is no error; warnings may remain. */
  package?: AppPackage;
  /** Every error and warning, in file order. */
  problems: PackageProblem[];
}

/** An installed form as rules and reports of this app see it: with the forms engine's variable schema. */
function describeInstalledForm(name: string, definition: { key: string; fields?: unknown; permissions?: unknown }): FormModel {
  const model = describeForm(name, definition);
  try {
    model.variables = compileForm(definition).variableSchema;
  } catch (error) {
    // An installed form was accepted when its app was imported; if it no longer compiles, its own fields still stand.
    if (!(error instanceof DefinitionError)) throw error;
  }
  return model;
}

function checkDependencies(context: ValidationContext, options: ValidateOptions): void {
  context.manifest.dependencies?.forEach((dependency, index) => {
    const installed = options.installedApp?.(dependency.app);
    for (const formKey of dependency.forms) {
      const definition = installed?.forms[formKey];
      context.dependencyForms.set(formKey, definition ? describeInstalledForm(`${dependency.app}:${formKey}`, definition) : undefined);
    }
    if (!options.installedApp) return;
    const path = `dependencies[${index}]`;
    if (!installed) {
      context.report(
        packageProblem(manifestFile, 'dependency.missing', { 'zh-CN': `依赖的应用 "${dependency.app}" 尚未安装`, en: `the app "${dependency.app}" this app depends on is not installed` }, { path: `${path}.app` }),
      );
      return;
    }
    if (!satisfiesRange(installed.version, dependency.version)) {
      context.report(
        packageProblem(
          manifestFile,
          'dependency.version',
          { 'zh-CN': `已安装的 "${dependency.app}" 版本 ${installed.version} 不满足 ${dependency.version}`, en: `the installed "${dependency.app}" ${installed.version} does not satisfy ${dependency.version}` },
          { path: `${path}.version` },
        ),
      );
    }
    dependency.forms.forEach((formKey, formIndex) => {
      if (!installed.forms[formKey]) {
        context.report(
          packageProblem(manifestFile, 'dependency.form', { 'zh-CN': `应用 "${dependency.app}" 中没有表单 "${formKey}"`, en: `the app "${dependency.app}" has no form "${formKey}"` }, { path: `${path}.forms[${formIndex}]` }),
        );
      }
    });
  });
}

/**
 * Validates a whole template: the manifest, every artifact and every cross-reference, collecting
 * all problems. Returns the package only when there is no error, so an import is all or nothing.
 */
export async function validateAppPackage(files: TemplateFiles, options: ValidateOptions = {}): Promise<ValidationResult> {
  const manifestBytes = files.get(manifestFile);
  if (!manifestBytes) {
    return { problems: [packageProblem(manifestFile, 'manifest.missing', { 'zh-CN': '模板根目录缺少 app.json', en: 'the template has no app.json at its root' })] };
  }
  const parsedManifest = parseJsonFile(manifestFile, manifestBytes);
  if (parsedManifest.value === undefined) return { problems: parsedManifest.problems };
  const { manifest, problems: manifestProblems } = validateManifest(parsedManifest.value);
  if (!manifest) return { problems: manifestProblems };

  const context = new ValidationContext(manifest);
  manifestProblems.forEach((problem) => context.report(problem));
  const classified = classifyFiles([...files.keys()], manifest);
  classified.problems.forEach((problem) => context.report(problem));
  checkDependencies(context, options);

  const json = new Map<string, Json>();
  for (const kind of artifactKinds) {
    if (kind === 'processes') continue;
    for (const file of classified.files[kind]) {
      const parsed = parseJsonFile(file, files.get(file)!);
      parsed.problems.forEach((problem) => context.report(problem));
      if (parsed.value !== undefined) json.set(file, parsed.value as Json);
    }
  }
  const xml = new Map<string, string>();
  for (const file of classified.files.processes) {
    const decoded = decodeText(file, files.get(file)!);
    decoded.problems.forEach((problem) => context.report(problem));
    if (decoded.text !== undefined) xml.set(file, decoded.text);
  }

  // Register every artifact first, so references can point in any direction.
  const forms = classified.files.forms.filter((file) => json.has(file)).map((file) => ({ file, model: registerForm(context, file, json.get(file)) }));
  const processIds = new Map<string, string[]>();
  for (const [file, text] of xml) processIds.set(file, registerProcess(context, file, text));
  for (const file of classified.files.decisionTables) if (json.has(file)) registerDecisionTable(context, file, json.get(file));
  for (const file of classified.files.ruleSets) if (json.has(file)) registerRuleSet(context, file, json.get(file));
  for (const file of classified.files.reports) if (json.has(file)) registerReport(context, file, json.get(file));

  for (const { model } of forms) if (model) checkFormReferences(context, model);
  for (const [file, text] of xml) {
    checkProcessReferences(context, file);
    await compileProcesses(context, file, text, processIds.get(file) ?? []);
  }
  for (const { file, definition } of context.decisionTables.values()) checkDecisionTable(context, file, definition);
  for (const { file, definition } of context.ruleSets.values()) checkRuleSet(context, file, definition);
  for (const { file, definition } of context.reports.values()) checkReport(context, file, definition);
  checkNavigation(context);
  const seeds: { file: string; form: string; records: SeedRecord[] }[] = [];
  for (const file of classified.files.seed) {
    const seed = json.has(file) ? readSeed(context, file, json.get(file)) : undefined;
    if (seed) seeds.push({ file, ...seed });
  }
  checkSeed(context, seeds);
  const scenarios = classified.files.scenarios.filter((file) => json.has(file) && checkScenario(context, file, json.get(file)));

  const problems = context.problems;
  if (problems.some(isError)) return { problems };

  const keyed = (registry: Map<string, { file: string; definition: Json }>): PackagedArtifact<Json>[] =>
    [...registry].map(([key, { file, definition }]) => ({ file, key, hash: hashJson(definition), definition }));
  const packaged = {
    forms: forms.map(({ file, model }) => ({ file, key: model!.key, hash: hashJson(json.get(file)), definition: json.get(file)! })),
    processes: [...xml].map(([file, text]): PackagedProcess => ({ file, key: processIds.get(file)![0]!, processIds: processIds.get(file)!, hash: hashText(text), definition: text })),
    decisionTables: keyed(context.decisionTables),
    ruleSets: keyed(context.ruleSets),
    reports: keyed(context.reports),
    seed: seeds.map((seed): PackagedSeed => ({ ...seed, hash: hashJson(seed.records) })),
    scenarios: scenarios.map((file) => ({ file, key: String(json.get(file)!.key), hash: hashJson(json.get(file)), definition: json.get(file)! })),
  };
  const artifactHashes = Object.entries(packaged).flatMap(([kind, artifacts]) => artifacts.map((artifact) => `${kind}:${artifact.file}:${artifact.hash}`));
  return {
    package: {
      manifest,
      key: manifest.key,
      version: manifest.version,
      hash: hashJson({ manifest, artifacts: artifactHashes.sort() }),
      ...packaged,
      warnings: problems,
    },
    problems,
  };
}

/** Like `validateAppPackage`, but throws an `AppPackageError` listing every problem when there is an error. */
export async function loadAppPackage(files: TemplateFiles, options: ValidateOptions = {}): Promise<AppPackage> {
  const result = await validateAppPackage(files, options);
  if (!result.package) throw new AppPackageError(result.problems.filter(isError));
  return result.package;
}
