import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, repositoryRoot } from '../../e2e/server-process';

const serverMain = path.join(repositoryRoot, 'apps/server/dist/main.js');

/** A built server process whose log goes to a file, so reading it costs the loader nothing. */
export interface BenchServer {
  url: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/** Builds the server (and the packages it uses) once when `apps/server/dist` is missing. */
export function ensureServerBuilt(): void {
  if (fs.existsSync(serverMain)) return;
  console.log('apps/server/dist is missing: building the server (pnpm turbo run build --filter=@tessera/server...)');
  const build = spawnSync('pnpm', ['turbo', 'run', 'build', '--filter=@tessera/server...'], { cwd: repositoryRoot, stdio: 'inherit' });
  if (build.status !== 0 || !fs.existsSync(serverMain)) throw new Error(`building the server failed (exit ${build.status}); ${serverMain} is still missing`);
}

export interface StartOptions {
  databaseUrl: string;
  /** Environment on top of the defaults (demo users on, templates off). */
  env?: Record<string, string>;
  /** A folder for `--cpu-prof` profiles of this process, when profiling. */
  cpuProfileDir?: string;
  name: string;
}

/** Starts `node apps/server/dist/main.js` on the given database and waits until it listens. */
export async function startBenchServer(options: StartOptions): Promise<BenchServer> {
  const port = await freePort();
  const logFile = path.join(os.tmpdir(), `tessera-bench-api-${process.pid}-${options.name}.log`);
  const log = fs.openSync(logFile, 'w');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TESSERA_DEMO_USERS: 'true',
    TESSERA_INSTALL_TEMPLATES: 'false',
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    PORT: String(port),
    TESSERA_DATA_DIR: path.join(os.tmpdir(), `tessera-bench-api-${process.pid}-${options.name}`),
  };
  delete env.NODE_OPTIONS;
  delete env.TESSERA_DATABASE_SCHEMA;
  delete env.TESSERA_BENCH_OUT;
  const flags = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...flags, serverMain], { env, stdio: ['ignore', log, log], cwd: repositoryRoot });
  fs.closeSync(log);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${options.name} exited with code ${child.exitCode} before listening:\n${tail(logFile)}`);
    if (fs.readFileSync(logFile, 'utf8').includes('Tessera is listening')) break;
    if (Date.now() - started > 120_000) {
      child.kill('SIGKILL');
      throw new Error(`server ${options.name} did not start within 120 s:\n${tail(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    logFile,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
