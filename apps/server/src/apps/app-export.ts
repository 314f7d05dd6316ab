import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AppManifest } from '@tessera/app-package';
import { zipSync } from 'fflate';
import { DataSource } from 'typeorm';
import { notFound } from '../core/errors/api-error';
import { text } from '../core/errors/localized';

export interface AppExport {
  key: string;
  version: string;
  /** File path inside the template to its text, in the order they go into the zip. */
  files: Map<string, string>;
}

interface ArtifactRow {
  kind: string;
  key: string;
  file: string;
  definition: unknown;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A file name for a key that names no file yet (a form or report first saved in the studio). */
function safeName(key: string): string {
  return key.replace(/[^A-Za-z0-9_-]/g, '_');
}

/**
 * Writes an installed app back out as a template: its manifest, the latest version of each form,
 * process and report (saved in the studio since the import, too), its decision tables and rule sets,
 * and — only when asked — its current records as seed data with its scenarios. The result loads
 * with `@tessera/app-package` like any template.
 */
@Injectable()
export class AppExportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async export(appKey: string, options: { seed?: boolean } = {}): Promise<AppExport> {
    const [app] = (await this.dataSource.query(`SELECT key, version, manifest FROM app WHERE key = $1`, [appKey])) as {
      key: string;
      version: string;
      manifest: AppManifest;
    }[];
    if (!app) throw notFound(text(`应用“${appKey}”不存在`, `No app "${appKey}"`), 'app.notFound');
    const artifacts = (await this.dataSource.query(
      `SELECT kind, key, file, definition FROM app_artifact WHERE app_key = $1 ORDER BY kind, key`,
      [appKey],
    )) as ArtifactRow[];
    const fileOf = (kind: string, key: string, fallback: string) =>
      artifacts.find((artifact) => artifact.kind === kind && artifact.key === key)?.file ?? fallback;

    const { $schema: _schema, ...manifest } = app.manifest;
    if (manifest.artifacts && !options.seed) {
      const { seed: _seed, scenarios: _scenarios, ...lists } = manifest.artifacts;
      manifest.artifacts = lists;
    }
    const files = new Map<string, string>([['app.json', json(manifest)]]);

    const forms = (await this.dataSource.query(
      `SELECT DISTINCT ON (form_key) form_key, definition FROM form_definition WHERE app_key = $1
       ORDER BY form_key, version DESC`,
      [appKey],
    )) as { form_key: string; definition: unknown }[];
    for (const form of forms) {
      files.set(fileOf('form', form.form_key, `forms/${safeName(form.form_key)}.form.json`), json(form.definition));
    }
    // A BPMN file may hold several processes; it is the file of its first (executable) one.
    for (const artifact of artifacts.filter((candidate) => candidate.kind === 'process')) {
      const [latest] = (await this.dataSource.query(
        `SELECT xml FROM process_definition WHERE process_key = $1 AND app_key = $2 ORDER BY version DESC LIMIT 1`,
        [artifact.key, appKey],
      )) as { xml: string }[];
      files.set(artifact.file, latest?.xml ?? String(artifact.definition));
    }
    const deployed = (await this.dataSource.query(
      `SELECT DISTINCT ON (process_key) process_key, xml FROM process_definition WHERE app_key = $1
       ORDER BY process_key, version DESC`,
      [appKey],
    )) as { process_key: string; xml: string }[];
    const exportedXml = new Set(files.values());
    for (const process of deployed) {
      const known = artifacts.some((artifact) => artifact.kind === 'process' && artifact.key === process.process_key);
      const inAnotherFile = [...exportedXml].some((xml) => xml.includes(`id="${process.process_key}"`));
      if (!known && !inAnotherFile) files.set(`processes/${safeName(process.process_key)}.bpmn`, process.xml);
    }
    for (const artifact of artifacts) {
      if (artifact.kind === 'decisionTable' || artifact.kind === 'ruleSet') files.set(artifact.file, json(artifact.definition));
    }
    const reports = (await this.dataSource.query(
      `SELECT DISTINCT ON (report_key) report_key, definition FROM report_definition WHERE app_key = $1
       ORDER BY report_key, version DESC`,
      [appKey],
    )) as { report_key: string; definition: unknown }[];
    for (const report of reports) {
      files.set(
        fileOf('report', report.report_key, `reports/${safeName(report.report_key)}.report.json`),
        json(report.definition),
      );
    }
    if (options.seed) {
      for (const artifact of artifacts) if (artifact.kind === 'scenario') files.set(artifact.file, json(artifact.definition));
      // Records imported as seed data keep their template ids, and relations point at those again.
      const localIds = new Map(
        (
          (await this.dataSource.query(`SELECT local_id, record_id FROM seed_record`)) as {
            local_id: string;
            record_id: string;
          }[]
        ).map((row) => [row.record_id, row.local_id]),
      );
      const templateId = (id: string) => localIds.get(id) ?? id;
      for (const form of forms) {
        const relations = ((form.definition as { fields?: { key: string; type: string }[] }).fields ?? [])
          .filter((field) => field.type === 'relation')
          .map((field) => field.key);
        const withTemplateIds = (data: Record<string, unknown>) => {
          const copy = { ...data };
          for (const key of relations) {
            const value = copy[key];
            if (value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { id?: unknown }).id === 'string') {
              copy[key] = { ...value, id: templateId((value as { id: string }).id) };
            }
          }
          return copy;
        };
        const records = (await this.dataSource.query(
          `SELECT record.id, record.created_at, record.data, owner.username
           FROM record LEFT JOIN app_user owner ON owner.id::text = record.owner_id
           WHERE record.app_key = $1 AND record.form_key = $2 AND record.deleted_at IS NULL
           ORDER BY record.created_at, record.id`,
          [appKey, form.form_key],
        )) as { id: string; created_at: Date; data: Record<string, unknown>; username: string | null }[];
        if (!records.length) continue;
        files.set(
          `seed/${safeName(form.form_key)}.json`,
          json({
            form: form.form_key,
            records: records.map((record) => ({
              id: templateId(record.id),
              createdAt: new Date(record.created_at).toISOString(),
              ...(record.username ? { createdBy: record.username } : {}),
              data: withTemplateIds(record.data),
            })),
          }),
        );
      }
    }
    return { key: app.key, version: app.version, files };
  }

  /** The export as a zip, every file under the app key's folder-free root. */
  async zip(appKey: string, options: { seed?: boolean } = {}): Promise<{ key: string; version: string; zip: Uint8Array }> {
    const exported = await this.export(appKey, options);
    const encoder = new TextEncoder();
    const entries: Record<string, Uint8Array> = {};
    for (const [path, content] of exported.files) entries[path] = encoder.encode(content);
    return { key: exported.key, version: exported.version, zip: zipSync(entries, { level: 6, mtime: new Date('2026-01-01T00:00:00Z') }) };
  }
}
