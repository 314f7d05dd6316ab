/**
 * Runs every benchmark in this folder, one after another (they would disturb each other in
 * parallel on a small machine), then writes bench-results.json and prints one summary table and
 * each script's wall time. The whole run is meant to stay under 10 minutes on a 2-core machine;
 * every script bounds its own work (see docs/performance.md).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './harness';

const here = __dirname;
const root = path.resolve(here, '../..');
const only = process.argv.slice(2);
const scripts = fs
  .readdirSync(here)
  .filter((file) => file.endsWith('.ts') && !['index.ts', 'harness.ts'].includes(file) && !file.endsWith('.test.ts'))
  .filter((file) => only.length === 0 || only.includes(path.basename(file, '.ts')))
  .sort();

/**
 * Rows for the reports benchmark within the whole run: 250,000 on Postgres (its JavaScript peer
 * alone spends ~45 s per dataset on 10⁶ rows), 100,000 on PGlite. `pnpm bench:reports` on its own
 * keeps 10⁶ rows on Postgres; TESSERA_BENCH_ROWS overrides both.
 */
const REPORT_ROWS_IN_FULL_RUN = process.env.DATABASE_URL ? '250000' : '100000';

const out = path.join(os.tmpdir(), `tessera-bench-${process.pid}.jsonl`);
fs.rmSync(out, { force: true });
const failed: string[] = [];
const timings: { script: string; seconds: number; ok: boolean }[] = [];
const started = Date.now();

// The server (api, scale) and the web app (web) run from their builds; build both once, up front,
// and count the time. turbo answers from its cache when nothing changed since the last build.
if (scripts.some((script) => ['api.ts', 'scale.ts', 'web.ts'].includes(script))) {
  console.log('\n=== build (server and web app)');
  const build = spawnSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@tessera/server...', '--filter=@tessera/web...', '--output-logs=errors-only'],
    { cwd: root, stdio: 'inherit' },
  );
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  timings.push({ script: 'build', seconds, ok: build.status === 0 });
  if (build.status !== 0) failed.push('build');
  console.log(`=== build: ${seconds.toFixed(1)} s${build.status === 0 ? '' : ' (failed)'}`);
}

for (const script of scripts) {
  console.log(`\n=== ${script}`);
  const scriptStarted = Date.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--conditions=tessera-source', path.join(here, script)], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      TESSERA_BENCH_OUT: out,
      ...(script === 'reports.ts' && !process.env.TESSERA_BENCH_ROWS && !process.env.RECORDS
        ? { TESSERA_BENCH_ROWS: REPORT_ROWS_IN_FULL_RUN }
        : {}),
    },
  });
  if (run.status !== 0) failed.push(script);
  const seconds = Math.round((Date.now() - scriptStarted) / 100) / 10;
  timings.push({ script, seconds, ok: run.status === 0 });
  console.log(`=== ${script}: ${seconds.toFixed(1)} s${run.status === 0 ? '' : ' (failed)'}; ${Math.round((Date.now() - started) / 1000)} s so far`);
}

const results: BenchResult[] = fs.existsSync(out)
  ? fs.readFileSync(out, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as BenchResult)
  : [];
fs.rmSync(out, { force: true });
const summary = {
  at: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  seconds: Math.round((Date.now() - started) / 1000),
  failed,
  scripts: timings,
  results,
};
fs.writeFileSync(path.join(root, 'bench-results.json'), `${JSON.stringify(summary, null, 2)}\n`);

console.log('\n=== Summary (bench-results.json)');
console.table(
  results.flatMap((result) =>
    result.figures.map((figure) => ({
      bench: result.bench,
      measure: figure.name,
      tessera: `${figure.ours.toPrecision(4)} ${figure.unit}`,
      peer: `${figure.peer.toPrecision(4)} ${figure.unit} (${figure.peerName})`,
      ratio: `${figure.ratio.toFixed(2)}×`,
      target: figure.target ?? '',
    })),
  ),
);
console.log('\n=== Wall time per script');
console.table(timings.map(({ script, seconds, ok }) => ({ script, seconds: seconds.toFixed(1), ok })));
console.log(`${scripts.length} benchmarks in ${summary.seconds} s${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
