import type { AppManifest } from './manifest/manifest';
import type { PackageProblem } from './problems/package-problem';

/** One artifact of a validated package: its file, its key, a hash of its content and the definition itself. */
export interface PackagedArtifact<Definition> {
  file: string;
  key: string;
  /** `sha256:<hex>` of the canonical content: equal hashes mean an unchanged artifact on re-import. */
  hash: string;
  definition: Definition;
}

export interface PackagedProcess extends PackagedArtifact<string> {
  /** Every `bpmn:process` id in the file; `key` is the first (executable) one. */
  processIds: string[];
}

/** One record of seed data; `id` is local to the template and is what relation fields in other seed records name. */
export interface SeedRecord {
  id: string;
  createdAt?: string;
  createdBy?: string;
  data: Record<string, unknown>;
}

export interface PackagedSeed {
  file: string;
  form: string;
  hash: string;
  records: SeedRecord[];
}

/**
 * A template that passed validation as a whole: what the server imports in one transaction.
 * Definitions are the JSON (or BPMN XML) as written; the server compiles them with the engines.
 */
export interface AppPackage {
  manifest: AppManifest;
  key: string;
  version: string;
  /** Hash over every artifact's hash: equal package hashes mean nothing to import. */
  hash: string;
  forms: PackagedArtifact<Record<string, unknown>>[];
  processes: PackagedProcess[];
  decisionTables: PackagedArtifact<Record<string, unknown>>[];
  ruleSets: PackagedArtifact<Record<string, unknown>>[];
  reports: PackagedArtifact<Record<string, unknown>>[];
  seed: PackagedSeed[];
  scenarios: PackagedArtifact<Record<string, unknown>>[];
  /** Problems that do not stop an import (an unused file, a diagram without shapes). */
  warnings: PackageProblem[];
}
