import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A built Tessera server running as a child process, as the README's start command runs it. */
export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  dataDir: string;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export const repositoryRoot = path.resolve(__dirname, '../..');
const serverMain = path.join(repositoryRoot, 'apps/server/dist/main.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment variable naming a data directory in which a server has installed the bank
 * templates with their seed data and then stopped. Browser tests that need the templates start
 * from a copy of it instead of installing them again, which is most of a first start's time.
 */
export const INSTALLED_TEMPLATES_DIR = 'TESSERA_E2E_INSTALLED_TEMPLATES';

/** A fresh copy of the prepared data directory, or undefined when none was prepared. */
export function copyOfInstalledTemplates(): string | undefined {
  const source = process.env[INSTALLED_TEMPLATES_DIR];
  if (!source || !fs.existsSync(source)) return undefined;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));
  fs.cpSync(source, dataDir, { recursive: true });
  return dataDir;
}

export interface StartServerOptions {
  /** How long to wait for "listening" (default 150 s: a first start on a busy machine installs the templates). */
  timeoutMs?: number;
  /** Environment on top of this process's; DATABASE_URL is removed unless given here. */
  env?: Record<string, string | undefined>;
  dataDir?: string;
}

export async function startServerProcess(options: StartServerOptions = {}): Promise<ServerProcess> {
  if (!fs.existsSync(serverMain)) {
    throw new Error(`${serverMain} is missing: build the server first (pnpm turbo run build)`);
  }
  const port = await freePort();
  const dataDir =
    options.dataDir ??
    (options.env?.TESSERA_INSTALL_TEMPLATES === 'true' && !options.env.DATABASE_URL ? copyOfInstalledTemplates() : undefined) ??
    fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: undefined, ...options.env, PORT: String(port), TESSERA_DATA_DIR: dataDir };
  delete env.NODE_OPTIONS;
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const child = spawn(process.execPath, [serverMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within ${options.timeoutMs ?? 150_000} ms:\n${output}`)), options.timeoutMs ?? 150_000);
    const onData = () => {
      if (output.includes('Tessera is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with code ${code} before listening:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    dataDir,
    output: () => output,
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
