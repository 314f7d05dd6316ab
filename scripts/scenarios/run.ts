/**
 * `pnpm scenarios [template…]`: starts the built server on a fresh database (embedded, or a
 * throw-away database on the Postgres of DATABASE_URL), imports the templates through the API and
 * plays every `templates/<t>/scenarios/*.json` against it. One line per scenario, then
 * `N passed, M failed`; the exit code is non-zero when any failed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadTemplate } from '@tessera/app-package';
import { repositoryRoot, startServerProcess, type ServerProcess } from '../e2e/server-process';
import { CoreBankingStub } from './core-banking-stub';
import { playScenario, type Scenario } from './play-scenario';
import { scenarioDatabase } from './scenario-database';
import { ApiError, ServerApi } from './server-api';

const templatesRoot = path.join(repositoryRoot, 'templates');

interface Manifest {
  key: string;
  dependencies?: { app: string }[];
}

function manifestOf(template: string): Manifest {
  const file = path.join(templatesRoot, template, 'app.json');
  if (!fs.existsSync(file))
    throw new Error(`templates/${template} has no app.json (templates: ${fs.readdirSync(templatesRoot).join(', ')})`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** The templates to import, each after the apps whose forms it uses. */
function importOrder(selected: string[]): string[] {
  const folders = new Map(
    fs
      .readdirSync(templatesRoot)
      .filter((name) => fs.existsSync(path.join(templatesRoot, name, 'app.json')))
      .map((name) => [manifestOf(name).key, name]),
  );
  const order: string[] = [];
  const visit = (template: string, trail: string[]): void => {
    if (order.includes(template)) return;
    if (trail.includes(template))
      throw new Error(`templates depend on each other in a cycle: ${[...trail, template].join(' → ')}`);
    for (const dependency of manifestOf(template).dependencies ?? []) {
      const folder =
        folders.get(dependency.app) ??
        fail(`templates/${template} depends on the app ${dependency.app}, which no template provides`);
      visit(folder, [...trail, template]);
    }
    order.push(template);
  };
  for (const template of selected) visit(template, []);
  return order;
}

function fail(message: string): never {
  throw new Error(message);
}

/** The app settings a scenario run points at its own stand-ins, by setting key. */
type SettingOverrides = Record<string, string>;

async function importTemplate(api: ServerApi, template: string, overrides: SettingOverrides): Promise<void> {
  const files = await loadTemplate(path.join(templatesRoot, template));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const texts: Record<string, string> = {};
  for (const [file, bytes] of files) {
    try {
      texts[file] = decoder.decode(bytes);
    } catch {
      // Pictures and other binary files are carried but never read by an import.
    }
  }
  const admin = await api.as('admin');
  const response = await admin.send('POST', '/apps/import', { files: texts });
  if (response.status !== 201) throw new ApiError(`import of templates/${template}`, response);
  const result = response.body as { key: string; version: string; seededRecords: number };
  // IT sets an installation's endpoints after the import; the run points them at its stand-ins.
  const settingsPath = `/apps/${encodeURIComponent(result.key)}/settings`;
  const declared = await admin.call<{ items: { key: string }[] }>('GET', settingsPath);
  const values = Object.fromEntries(
    Object.entries(overrides).filter(([key]) => declared.items.some((setting) => setting.key === key)),
  );
  if (Object.keys(values).length) await admin.call('PUT', settingsPath, values);
  console.log(`imported ${result.key} ${result.version} (${result.seededRecords} seed records)`);
}

function scenariosOf(template: string): { file: string; scenario: Scenario }[] {
  const folder = path.join(templatesRoot, template, 'scenarios');
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      file: `templates/${template}/scenarios/${name}`,
      scenario: JSON.parse(fs.readFileSync(path.join(folder, name), 'utf8')) as Scenario,
    }));
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2).filter((argument) => argument !== '--');
  const all = fs
    .readdirSync(templatesRoot)
    .filter((name) => fs.existsSync(path.join(templatesRoot, name, 'app.json')))
    .sort();
  const selected = requested.length > 0 ? requested : all;
  const order = importOrder(selected);

  const database = await scenarioDatabase(process.env.DATABASE_URL);
  const coreBanking = await CoreBankingStub.start();
  let server: ServerProcess | undefined;
  let passed = 0;
  let failed = 0;
  const failures: string[] = [];
  let serverOutput: string;
  try {
    console.log(`starting the server on a fresh ${database.describe}`);
    server = await startServerProcess({
      env: { ...database.env, TESSERA_DEMO_USERS: 'true', TESSERA_CLOCK: 'controllable' },
      timeoutMs: 120_000,
    });
    const api = new ServerApi(server.url);
    const importing = Date.now();
    for (const template of order) await importTemplate(api, template, { coreBankingUrl: coreBanking.url });
    console.log(`templates imported in ${((Date.now() - importing) / 1000).toFixed(1)} s`);
    for (const template of selected) {
      for (const { file, scenario } of scenariosOf(template)) {
        const began = Date.now();
        try {
          await playScenario(api, scenario, { coreBanking });
          passed++;
          console.log(`pass ${template}/${scenario.key} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
        } catch (error) {
          failed++;
          const line = `FAIL ${template}/${scenario.key} (${file}): ${error instanceof Error ? error.message : String(error)}`;
          failures.push(line);
          console.log(line);
        }
      }
    }
  } finally {
    serverOutput = server?.output() ?? '';
    await coreBanking.close();
    await server?.stop();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
    await database.drop();
  }
  if (failures.length) {
    // The server's last words help with a failure that is the server's, not the story's.
    const errors = serverOutput.split('\n').filter((line) => /ERROR|WARN/.test(line)).slice(-20);
    if (errors.length) console.log(`\nserver errors and warnings (last ${errors.length}):\n${errors.join('\n')}`);
    console.log(`\nscenarios that failed, each with its first mismatching step:\n${failures.join('\n')}\n`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 || passed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
