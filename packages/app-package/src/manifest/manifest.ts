import type { LocalizedText } from '@tessera/rules';

/** A role an app's forms, processes and reports may grant work or access to. */
export interface AppRole {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
}

export type NavigationTarget =
  | { type: 'records'; form: string }
  | { type: 'form'; form: string }
  | { type: 'startProcess'; process: string }
  | { type: 'inbox' }
  | { type: 'dashboard'; report: string; dashboard: string }
  | { type: 'report'; report: string }
  | { type: 'customer360'; form: string }
  | { type: 'link'; url: string };

/** One entry of the app's menu; `roles` limits who sees it (everyone with an app role when absent). */
export type NavigationItem = {
  key: string;
  label: LocalizedText;
  icon?: string;
  roles?: string[];
  children?: NavigationItem[];
} & (NavigationTarget | { type: 'group' });

/** Forms of another app this one reads or links to; the other app must be installed first. */
export interface AppDependency {
  app: string;
  /** A version range: `1.2.0`, `^1.2.0`, `~1.2.0` or `>=1.2.0`. */
  version: string;
  forms: string[];
}

/**
 * Artifact files by kind. When a list is absent the folder convention applies
 * (`forms/*.form.json`, `processes/*.bpmn`, …); a list given explicitly is the whole truth.
 */
export interface ArtifactLists {
  forms?: string[];
  processes?: string[];
  decisionTables?: string[];
  ruleSets?: string[];
  reports?: string[];
  seed?: string[];
  scenarios?: string[];
}

/** A value IT sets per installation (an endpoint, a list of approvers); processes read it as `settings.<key>`. */
export interface AppSetting {
  type: 'string' | 'number' | 'boolean' | 'stringList';
  /** `url`: a string setting that must be an absolute http(s) address. */
  format?: 'url';
  label: LocalizedText;
  default?: unknown;
}

export interface AppManifest {
  $schema?: string;
  key: string;
  version: string;
  name: LocalizedText;
  description: LocalizedText;
  icon?: string;
  roles: AppRole[];
  navigation: NavigationItem[];
  dependencies?: AppDependency[];
  artifacts?: ArtifactLists;
  settings?: Record<string, AppSetting>;
}
