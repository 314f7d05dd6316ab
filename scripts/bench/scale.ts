/**
 * Scale benchmark: loan applications grow 10⁴ → 10⁵ → 10⁶ in one database, and at each size the
 * built server answers, over its HTTP API as an admin: the first list page sorted by amount, a
 * selective filter, a non-selective filter, a text search, a report dataset run and a dashboard
 * run — once without the form's expression indexes (the peer) and once with them (ratio =
 * speed-up). The report dataset is also computed the earlier way, for comparison: every row of
 * the caller's scope read, projected for the caller and aggregated by `evaluateInMemory`.
 *   pnpm bench:scale      (SCALE_SIZES=10000,100000 for a quicker run; SCALE_BUDGET_S bounds the time)
 * On the Postgres of DATABASE_URL (a throw-away schema), else a throw-away database on the Postgres
 * at 127.0.0.1 when it answers, else the embedded PGlite (noted in the output).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { compileForm, type CompiledForm, type FormDefinition } from '@tessera/forms';
import { compileReport, evaluateInMemory, type ReportDefinition, type SourceRow } from '@tessera/reports';
import { Client } from 'pg';
import {
  indexPrefix,
  plannedIndexes,
  syncRecordIndexes,
  trigramSchema,
} from '../../apps/server/src/forms/record-indexes';
import { repositoryRoot, startServerProcess, type ServerProcess } from '../e2e/server-process';
import { ServerApi, type Session } from '../scenarios/server-api';
import { measureMs, reportBench, type BenchFigure } from './harness';

const sizes = (process.env.SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const budgetMs = Number(process.env.SCALE_BUDGET_S ?? 230) * 1000;
/** Set after the server build, which turbo answers from its cache when nothing changed. */
let started = performance.now();
const elapsed = () => performance.now() - started;
const notes: string[] = [];
const FORM = 'loan_application';

interface Database {
  name: string;
  query(text: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Environment for the server process. */
  env: Record<string, string>;
  /** PGlite: the server owns the data directory, so bulk loads happen while it is stopped. */
  exclusive: boolean;
  dataDir?: string;
  open(): Promise<void>;
  release(): Promise<void>;
  close(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

function postgres(
  url: string,
  name: string,
  env: Record<string, string>,
  drop: () => Promise<void>,
  schema?: string,
): Database {
  const client = new Client({ connectionString: url });
  return {
    name,
    env: { DATABASE_URL: url, ...env },
    exclusive: false,
    query: async (text, values) => (await client.query(text, values)).rows,
    open: async () => {
      await client.connect();
      if (schema) await client.query(`SET search_path TO "${schema}"`);
    },
    release: async () => undefined,
    close: async () => {
      await client.end();
      await drop();
    },
  };
}

async function openDatabase(): Promise<Database> {
  const given = process.env.DATABASE_URL;
  if (given) {
    const schema = `bench_scale_${process.pid}`;
    const admin = new Client({ connectionString: given });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.end();
    const drop = async () => {
      const client = new Client({ connectionString: given });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    };
    return postgres(given, 'PostgreSQL (DATABASE_URL)', { TESSERA_DATABASE_SCHEMA: schema }, drop, schema);
  }
  const local = 'postgres://postgres@127.0.0.1:5432/postgres';
  if (await reachable(local)) {
    const database = `tessera_bench_scale_${process.pid}`;
    const admin = new Client({ connectionString: local });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const drop = async () => {
      const client = new Client({ connectionString: local });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await client.end();
    };
    return postgres(
      `postgres://postgres@127.0.0.1:5432/${database}`,
      'PostgreSQL 127.0.0.1 (scratch database)',
      {},
      drop,
    );
  }
  notes.push(
    'No Postgres reachable: measured on the embedded PGlite, which runs one query at a time in the server process.',
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-scale-'));
  let pglite: PGlite | undefined;
  return {
    name: 'PGlite',
    env: {},
    exclusive: true,
    dataDir,
    query: async (text, values) => (await pglite!.query<Record<string, unknown>>(text, values)).rows,
    open: async () => {
      pglite = new PGlite(dataDir);
      await pglite.waitReady;
    },
    release: async () => {
      await pglite?.close();
      pglite = undefined;
    },
    close: async () => {
      await pglite?.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Builds the server when its dist is older than a source file (turbo answers from its cache when nothing changed). */
function ensureBuiltServer(): void {
  const main = path.join(repositoryRoot, 'apps/server/dist/main.js');
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) latest = Math.max(latest, newest(full));
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
        latest = Math.max(latest, fs.statSync(full).mtimeMs);
    }
    return latest;
  };
  const sources = [
    'apps/server/src',
    ...['rules', 'forms', 'process', 'reports', 'app-package'].map((name) => `packages/${name}/src`),
  ];
  const sourceTime = Math.max(...sources.map((dir) => newest(path.join(repositoryRoot, dir))));
  if (fs.existsSync(main) && fs.statSync(main).mtimeMs >= sourceTime) return;
  const buildStarted = performance.now();
  const build = spawnSync(
    'pnpm',
    ['turbo', 'run', 'build', '--filter=@tessera/server...', '--output-logs=errors-only'],
    {
      cwd: repositoryRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    if (!fs.existsSync(main)) throw new Error('the server does not build and has no dist to run');
    notes.push('The server did not build from the current sources; the last built server was measured.');
  }
  notes.push(
    `Server build before the run: ${Math.round((performance.now() - buildStarted) / 1000)} s (not part of the figures).`,
  );
}

/** Appends applications numbered from..to: deterministic values, one branch rare (0.1 %) for the selective filter. */
async function load(database: Database, from: number, to: number, version: number): Promise<void> {
  const batch = 100_000;
  for (let start = from; start <= to; start += batch) {
    await database.query(
      `INSERT INTO record (id, app_key, form_key, form_version, data, created_at, updated_at, created_by, owner_id, department_id)
       SELECT md5('scale-' || n)::uuid, 'loan-approval', '${FORM}', $3::int,
         jsonb_build_object(
           'applicantName', (ARRAY['张','王','李','赵','陈','刘','杨','黄'])[(1 + n % 8)::int]
                            || (ARRAY['伟','芳','娜','敏','静','强','磊','洋'])[(1 + (n / 8) % 8)::int],
           'mobile', '13' || lpad(((n * 7919) % 1000000000)::text, 9, '0'),
           'branch', CASE WHEN n % 1000 = 7 THEN 'hz_xihu'
                          ELSE (ARRAY['sh_lujiazui','sh_xujiahui','bj_guomao','sz_futian'])[(1 + n % 4)::int] END,
           'product', (ARRAY['consumer','mortgage','car','business'])[(1 + (n * 31) % 4)::int],
           'amount', to_char(10000 + ((n * 2654435761::bigint) % 499000000) / 100.0, 'FM9999999990.00'),
           'termMonths', (ARRAY[12, 24, 36, 48, 60])[(1 + n % 5)::int],
           'purpose', (ARRAY['装修','购车','经营周转','教育','旅游'])[(1 + (n * 7) % 5)::int] || ' #' || n,
           'monthlyIncome', to_char(5000 + (n * 40503) % 95000, 'FM9999999990.00'),
           'employmentYears', (n * 69069) % 30,
           'status', (ARRAY['submitted','credit_review','returned','risk_review','approval','approved','rejected','disbursed'])[(1 + (n * 13) % 8)::int],
           'creditScore', 300 + (n * 104729) % 551,
           'creditGrade', (ARRAY['A','B','C','D'])[(1 + (n * 17) % 4)::int],
           'submittedAt', to_char(created, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
         ),
         created, created, 'account_manager', 'account_manager', 'branch-east'
       FROM (SELECT n, timestamptz '2025-01-01 00:00:00+00' + ((n * 7477) % (700 * 1440)) * interval '1 minute' AS created
               FROM generate_series($1::bigint, $2::bigint) AS n) AS numbered`,
      [start, Math.min(to, start + batch - 1), version],
    );
  }
  await database.query('ANALYZE record');
}

interface Measure {
  name: string;
  run: (admin: Session) => Promise<unknown>;
}

const list = (query: Record<string, string>) => (admin: Session) =>
  admin.call('GET', `/forms/${FORM}/records?${new URLSearchParams({ pageSize: '20', ...query }).toString()}`);

const measures: Measure[] = [
  { name: 'list page sorted by -amount', run: list({ sort: '-amount' }) },
  { name: 'selective filter (0.1 %)', run: list({ filter: JSON.stringify({ '==': [{ var: 'branch' }, 'hz_xihu'] }) }) },
  {
    name: 'non-selective filter (98 %)',
    run: list({ filter: JSON.stringify({ 'money>=': [{ var: 'amount' }, '100000.00'] }), sort: '-amount' }),
  },
  { name: 'text search', run: list({ q: '#4242' }) },
  {
    name: 'report dataset (loan_pipeline.pipeline)',
    run: (admin) => admin.call('POST', '/reports/loan_pipeline/datasets/pipeline/run', { params: {} }),
  },
  {
    name: 'report dashboard (loan_pipeline.lending_overview, 5 panels)',
    run: (admin) => admin.call('POST', '/reports/loan_pipeline/dashboards/lending_overview/run', { filters: {} }),
  },
];

/**
 * The report dataset as the reports service computed it before it ran datasets in SQL: every row
 * of the admin's scope (all) read into the process, projected for the admin, aggregated in memory.
 */
async function pipelineInMemory(database: Database, form: CompiledForm): Promise<() => Promise<unknown>> {
  const [stored] = await database.query(
    `SELECT definition FROM report_definition WHERE report_key = 'loan_pipeline' ORDER BY version DESC LIMIT 1`,
  );
  const report = compileReport(stored!.definition as ReportDefinition, {
    schemaFor: (source) => ('form' in source && source.form === FORM ? form.variableSchema : {}),
  });
  const dataset = report.datasets.pipeline!;
  return async () => {
    const rows = await database.query(`SELECT * FROM record WHERE form_key = $1 AND deleted_at IS NULL`, [FORM]);
    const projected: SourceRow[] = rows.map((row) => ({ ...row, data: form.project(row.data, { role: ['admin'] }) }));
    return evaluateInMemory(dataset, projected, {}, { now: new Date() });
  };
}

async function main(): Promise<void> {
  ensureBuiltServer();
  started = performance.now();
  const database = await openDatabase();
  let server: ServerProcess | undefined;
  let admin: Session | undefined;
  let direct = false;
  const env = { ...database.env, TESSERA_INSTALL_TEMPLATES: 'true', TESSERA_WORKER: 'false', LOG_LEVEL: 'warn' };
  const dataDir = database.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-scale-server-'));
  /** The server running (and, on PGlite, the bench's own connection closed). */
  const serving = async (): Promise<Session> => {
    if (database.exclusive && direct) {
      await database.release();
      direct = false;
    }
    if (!server) {
      server = await startServerProcess({ env, dataDir, timeoutMs: 180_000 });
      admin = await new ServerApi(server.url).as('admin');
    }
    return admin!;
  };
  /** The bench's own connection open (on PGlite, with the server stopped). */
  const directly = async (): Promise<void> => {
    if (direct) return;
    if (database.exclusive && server) {
      await server.stop();
      server = undefined;
    }
    await database.open();
    if (!database.exclusive) await database.query(`SET maintenance_work_mem = '256MB'`);
    direct = true;
  };
  const figures: BenchFigure[] = [];
  const growth: Record<string, Record<string, string>> = {};
  try {
    // The first list makes the server create the form's indexes; the bench then drops and recreates them itself.
    await list({})(await serving());
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await directly();
    const [latest] = await database.query(
      `SELECT definition FROM form_definition WHERE form_key = $1 ORDER BY version DESC LIMIT 1`,
      [FORM],
    );
    const definition = latest!.definition as FormDefinition;
    const form = compileForm(definition);
    // The server installed pg_trgm where it could; the bench rebuilds the same indexes it would.
    const trigram = await trigramSchema(database, { install: false });
    notes.push(
      `Database: ${database.name}. Indexed fields of ${FORM}: ${plannedIndexes(form, { trigramSchema: trigram })
        .map((index) => index.field)
        .join(', ')}.`,
    );
    const [{ count: seeded }] = (await database.query(`SELECT count(*)::int AS count FROM record WHERE form_key = $1`, [
      FORM,
    ])) as { count: number }[];
    let loaded = 0;
    let lastSizeMs = 0;
    let lastReportMs = 0;
    let lastInMemoryMs = 0;
    const inMemory = await pipelineInMemory(database, form);
    for (const size of sizes) {
      const factor = loaded === 0 ? 1 : size / loaded;
      if (lastSizeMs > 0 && elapsed() + lastSizeMs * factor * 1.1 > budgetMs) {
        notes.push(
          `${size.toLocaleString('en-US')} rows not measured: at the ${loaded.toLocaleString('en-US')}-row pace it would end past the ${budgetMs / 1000} s budget.`,
        );
        break;
      }
      const sizeStarted = performance.now();
      await directly();
      const dropIndexes = async () => {
        const existing = await database.query(
          `SELECT indexname FROM pg_indexes WHERE tablename = 'record' AND schemaname = current_schema() AND starts_with(indexname, $1)`,
          [indexPrefix(FORM)],
        );
        for (const row of existing) await database.query(`DROP INDEX IF EXISTS "${String(row.indexname)}"`);
      };
      // Loads and the peer's figures run without the form's indexes; they are rebuilt after.
      await dropIndexes();
      const loadStarted = performance.now();
      await load(database, loaded + 1, size, form.version);
      const loadMs = performance.now() - loadStarted;
      loaded = size;
      const label = `${size.toLocaleString('en-US')} rows`;
      const timings: Record<string, { without?: number; with?: number }> = {};
      const repeat = size >= 1_000_000 ? 1 : 3;
      // The report run reads every row in scope; it is left out once it would not fit the budget twice more.
      const reportFits = lastReportMs === 0 || elapsed() + lastReportMs * factor * 2 < budgetMs;
      if (!reportFits)
        notes.push(
          `The report run at ${label} not measured: ${Math.round(lastReportMs)} ms at the previous size, times ${factor}, twice, ends past the budget.`,
        );
      const timeAll = async (key: 'without' | 'with') => {
        for (const measure of measures) {
          const isReport = measure.name.startsWith('report');
          if (isReport && !reportFits) continue;
          const session = await serving();
          await measure.run(session); // warm-up: plans, caches
          const ms = await measureMs(() => measure.run(session), isReport ? 1 : repeat);
          (timings[measure.name] ??= {})[key] = ms;
          if (isReport) lastReportMs = Math.max(lastReportMs, ms);
        }
      };
      await timeAll('without');
      await directly();
      // The earlier in-memory path, once per size while it fits the budget twice more.
      if (lastInMemoryMs === 0 || elapsed() + lastInMemoryMs * factor * 2 < budgetMs) {
        if (size < 1_000_000) await inMemory(); // warm-up, as for the other figures below 10⁶ rows
        const ms = await measureMs(inMemory, 1);
        lastInMemoryMs = ms;
        (timings['report dataset, projected in memory (the earlier path)'] ??= {}).with = ms;
      } else {
        notes.push(
          `The in-memory report path at ${label} not measured: ${Math.round(lastInMemoryMs)} ms at the previous size, times ${factor}, twice, ends past the budget.`,
        );
      }
      const indexStarted = performance.now();
      await syncRecordIndexes(database, form, { concurrently: false, trigramSchema: trigram });
      await database.query('ANALYZE record');
      const indexMs = performance.now() - indexStarted;
      await timeAll('with');
      const sqlReport = timings['report dataset (loan_pipeline.pipeline)']?.with;
      const memoryReport = timings['report dataset, projected in memory (the earlier path)']?.with;
      if (sqlReport !== undefined && memoryReport !== undefined) {
        figures.push({
          name: `report dataset in SQL vs in memory, ${label}`,
          unit: 'ms',
          ours: sqlReport,
          peer: memoryReport,
          peerName: 'rows projected and aggregated in memory (the earlier path)',
          higherIsBetter: false,
        });
        (growth['report dataset, projected in memory (the earlier path)'] ??= {})[label] = memoryReport.toFixed(1);
      }
      for (const [name, timing] of Object.entries(timings)) {
        if (timing.with === undefined || timing.without === undefined) continue;
        figures.push({
          name: `${name}, ${label}`,
          unit: 'ms',
          ours: timing.with,
          peer: timing.without,
          peerName: 'no expression indexes',
          higherIsBetter: false,
        });
        (growth[name] ??= {})[label] = `${timing.with.toFixed(1)} / ${timing.without.toFixed(1)}`;
      }
      (growth['bulk load of the new rows (s)'] ??= {})[label] = (loadMs / 1000).toFixed(1);
      (growth['index build, all fields (s)'] ??= {})[label] = (indexMs / 1000).toFixed(1);
      lastSizeMs = performance.now() - sizeStarted;
    }
    notes.push(
      `Template seed rows before the load: ${seeded}. Times are medians over 3 calls (1 at 10⁶ rows and for report runs), after a warm-up call.`,
    );
    console.log('\nGrowth with size (ms with indexes / ms without; load and index build in s)');
    console.table(growth);
    reportBench('scale', figures, [...notes, `Measured in ${Math.round(elapsed() / 1000)} s after the server build.`]);
  } finally {
    await server?.stop();
    await database.close();
    if (!database.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
