import type { CompiledForm } from '@tessera/forms';
import type { AppManifest } from '../manifest/manifest';
import { packageProblem, type PackageProblem } from '../problems/package-problem';
import type { FormModel } from './form-model';
import type { BpmnReferences } from './bpmn-references';

/** A form of another installed app, as the server knows it, for checking dependencies. */
export interface InstalledApp {
  key: string;
  version: string;
  forms: Record<string, { key: string; fields?: unknown; permissions?: unknown }>;
}

export interface ValidateOptions {
  /** Looks up an installed app by key, to check `dependencies` and references to its forms. */
  installedApp?: (appKey: string) => InstalledApp | undefined;
}

/** What every check reads (artifacts by key) and where it reports. */
export class ValidationContext {
  readonly problems: PackageProblem[] = [];
  readonly roles: Set<string>;
  /** Forms of this app by key. */
  readonly forms = new Map<string, FormModel>();
  /** Forms of this app that `compileForm` accepted, by key. */
  readonly compiledForms = new Map<string, CompiledForm>();
  /** Forms of declared dependencies by key, when the dependency is installed. */
  readonly dependencyForms = new Map<string, FormModel | undefined>();
  readonly processes = new Map<string, { file: string; references: BpmnReferences }>();
  readonly decisionTables = new Map<string, { file: string; definition: Record<string, unknown> }>();
  readonly ruleSets = new Map<string, { file: string; definition: Record<string, unknown> }>();
  readonly reports = new Map<string, { file: string; definition: Record<string, unknown> }>();

  constructor(readonly manifest: AppManifest) {
    this.roles = new Set(manifest.roles.map((role) => role.key));
  }

  report(problem: PackageProblem): void {
    this.problems.push(problem);
  }

  /** A form of this app or of a dependency; `undefined` model for a dependency that is declared but not installed. */
  resolveForm(key: string): { found: boolean; model?: FormModel } {
    const own = this.forms.get(key);
    if (own) return { found: true, model: own };
    if (this.dependencyForms.has(key)) return { found: true, model: this.dependencyForms.get(key) };
    return { found: false };
  }

  checkFormReference(file: string, key: string, where: { path?: string; elementId?: string }): FormModel | undefined {
    const resolved = this.resolveForm(key);
    if (!resolved.found) {
      this.report(
        packageProblem(
          file,
          'reference.form.unknown',
          {
            'zh-CN': `引用的表单 "${key}" 不存在于本应用，也未在 app.json 的 dependencies 中声明`,
            en: `the form "${key}" is neither a form of this app nor declared in the dependencies of app.json`,
          },
          where,
        ),
      );
    }
    return resolved.model;
  }

  checkRoleReference(file: string, role: string, where: { path?: string; elementId?: string }): void {
    if (this.roles.has(role)) return;
    this.report(
      packageProblem(
        file,
        'reference.role.unknown',
        { 'zh-CN': `角色 "${role}" 未在 app.json 的 roles 中声明`, en: `the role "${role}" is not declared in the roles of app.json` },
        where,
      ),
    );
  }

  checkFieldReference(file: string, form: FormModel | undefined, field: string, where: { path?: string; elementId?: string }): void {
    if (!form || field.startsWith('$') || form.fields.has(field)) return;
    const root = field.split('.')[0]!;
    const rootField = form.fields.get(root);
    // Paths inside object-valued fields (an address's parts) are the engine's business.
    if (rootField && (rootField.type === 'address' || rootField.type === 'region')) return;
    this.report(
      packageProblem(
        file,
        'reference.field.unknown',
        { 'zh-CN': `表单 "${form.key}" 中没有字段 "${field}"`, en: `the form "${form.key}" has no field "${field}"` },
        where,
      ),
    );
  }
}
