import fs from 'node:fs';
import { INSTALLED_TEMPLATES_DIR } from './server-process';

/** Jest global teardown of the browser tests: removes the data directory the setup prepared. */
export default function globalTeardown(): void {
  const dataDir = process.env[INSTALLED_TEMPLATES_DIR];
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}
