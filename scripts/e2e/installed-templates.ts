import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { INSTALLED_TEMPLATES_DIR, startServerProcess } from './server-process';

/** Starts a server on a fresh embedded database with the templates, stops it, and returns its data directory. */
export async function prepareInstalledTemplates(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-templates-'));
  const started = Date.now();
  const server = await startServerProcess({ dataDir, env: { TESSERA_INSTALL_TEMPLATES: 'true' } });
  await server.stop('SIGTERM');
  console.log(`\nbank templates installed once for the browser tests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return dataDir;
}

/** Jest global setup of the browser tests: prepares the directory and names it to the test files. */
export default async function globalSetup(): Promise<void> {
  process.env[INSTALLED_TEMPLATES_DIR] = await prepareInstalledTemplates();
}
