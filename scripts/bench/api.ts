/**
 * API benchmark: the built server on Postgres, with one and with two server processes on the same
 * database, against the same rows written by node-postgres directly (the raw ceiling).
 *   (a) record creation: a full loan application (two collateral rows) POSTed as the account manager
 *   (b) loan-approval instances: start, credit review, risk review beside the KYC/AML job (fetched
 *       and completed through the jobs API), branch approval — each task found in the inbox and
 *       completed by its user — then disbursement (core banking, a stub here) and the notice
 *   (c) the inbox (candidate and mine views) with 100,000 open tasks in the database
 *
 *   pnpm bench:api                     (DATABASE_URL=postgres://… to use that server; else 127.0.0.1:5432)
 *   BENCH_API_SECONDS=4 pnpm bench:api (shorter phases)   BENCH_API_PROFILE=dir (server --cpu-prof)
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Client as PgClient, Pool } from 'pg';
import { reportBench, type BenchFigure } from './harness';
import { branchApprove, creditContinue, loanApplication, riskApprove } from './api/fixtures';
import { freePort } from '../e2e/server-process';
import { inboxSql, seedOpenTasks } from './api/inbox';
import { Client, latencyStats, type LatencyStats, Recorder, runClosedLoop, type RunOutcome, StepFailed } from './api/loader';
import { type AuditContent, createRawSchema, InstanceProbe, type InstanceTemplate, jsonColumns, rawInstance, rawRecordCreate } from './api/raw';
import { type BenchServer, ensureServerBuilt, startBenchServer, tail } from './api/server';
import { WaitSampler } from './api/waits';

const seconds = Number(process.env.BENCH_API_SECONDS ?? 8);
const warmupSeconds = Math.min(2, seconds / 4);
/** Turns the API and the raw peer take within a phase. */
const slices = 2;
const concurrency = Number(process.env.BENCH_API_CONCURRENCY ?? 16);
/** Clients reading the inbox at once: a latency measure, not a flood. */
const inboxConcurrency = 4;
const inboxTasks = Number(process.env.BENCH_API_INBOX_TASKS ?? 100_000);
const profileDir = process.env.BENCH_API_PROFILE;
const password = 'Tessera@2026';

interface Session {
  token: string;
  roles: string[];
  appRoles: Record<string, string[]>;
}

interface Scratch {
  url: string;
  describe: string;
  drop(): Promise<void>;
}

/** A database of this run's own on DATABASE_URL's server (or the local Postgres), dropped at the end. */
async function scratchDatabase(): Promise<Scratch> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tessera_bench_api_${randomBytes(4).toString('hex')}`;
  const admin = new PgClient({ connectionString: base });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`cannot reach Postgres at ${new URL(base).host} (set DATABASE_URL): ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    describe: `Postgres database ${name} on ${url.host}`,
    drop: async () => {
      const client = new PgClient({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function signIn(client: Client, username: string): Promise<Session> {
  const answer = await client.request('POST', '/auth/login', { username, password });
  if (answer.status !== 200) throw new Error(`sign-in as ${username} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  const body = answer.body as { accessToken: string; user: { roles: string[]; appRoles?: Record<string, string[]> } };
  return { token: body.accessToken, roles: body.user.roles, appRoles: body.user.appRoles ?? {} };
}

interface OpenTask {
  id: string;
  elementId: string;
}

/** The failures of a phase, printed; the run fails when there is any. */
function checkFailures(phase: string, recorder: Recorder): void {
  if (recorder.failures.length === 0) return;
  console.error(`\n${phase}: ${recorder.failures.length} requests failed (non-2xx or no answer); the first ones:`);
  for (const failure of recorder.failures.slice(0, 10)) console.error(`  ${failure.step} ${failure.request} → ${failure.status} ${failure.body}`);
  throw new Error(`${phase}: ${recorder.failures.length} failed requests`);
}

function ms(value: number): string {
  return value.toFixed(value < 10 ? 2 : 1);
}

function describeLatency(step: string, stats: LatencyStats): string {
  return `${step}: n=${stats.count} p50=${ms(stats.p50)} ms p95=${ms(stats.p95)} ms p99=${ms(stats.p99)} ms`;
}

let businessKeys = 0;

async function main(): Promise<void> {
  const began = performance.now();
  ensureServerBuilt();
  const scratch = await scratchDatabase();
  console.log(`API benchmark on a fresh ${scratch.describe}: ${seconds} s phases, ${concurrency} concurrent clients`);
  const pool = new Pool({ connectionString: scratch.url, max: 10, application_name: 'bench-api' });
  const samplerPool = new Pool({ connectionString: scratch.url, max: 1, application_name: 'bench-api-sampler' });
  // Idle connections are cut when the scratch database is dropped at the end; that is not an error.
  for (const each of [pool, samplerPool]) each.on('error', () => undefined);
  const servers: BenchServer[] = [];
  let coreBanking: Awaited<ReturnType<typeof coreBankingStub>> | undefined;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const start = async (name: string, env: Record<string, string> = {}) => {
    const server = await startBenchServer({ databaseUrl: scratch.url, name, env, cpuProfileDir: profileDir });
    servers.push(server);
    return server;
  };
  try {
    // The first process migrates the database and installs the bundled templates, as `pnpm start` does.
    const first = await start('a', { TESSERA_INSTALL_TEMPLATES: 'true' });
    console.log(`server 1 listening at ${first.url} (log ${first.logFile})`);
    const setupClient = new Client([first.url], 4);
    const manager = await signIn(setupClient, 'account_manager');
    const officer = await signIn(setupClient, 'credit_officer');
    const admin = await signIn(setupClient, 'admin');
    const team: Team = { manager, officer, risk: await signIn(setupClient, 'risk_officer'), branch: await signIn(setupClient, 'branch_manager'), worker: admin };
    // The bank's core-banking endpoint (an app setting of loan-approval) points at a stub in this process.
    coreBanking = await coreBankingStub();
    await pool.query(`UPDATE app SET manifest = jsonb_set(manifest, '{settings,coreBankingUrl,default}', to_jsonb($1::text)) WHERE key = 'loan-approval'`, [coreBanking.url]);

    // --- the shapes the raw peer replays: one record and one instance, step by step
    const sample = await setupClient.request('POST', '/forms/loan_application/records', { data: loanApplication(0) }, manager.token);
    if (sample.status !== 201) throw new Error(`creating a loan application answered ${sample.status}: ${JSON.stringify(sample.body)}`);
    const sampleId = (sample.body as { id: string }).id;
    const { rows: sampleRows } = await pool.query<Record<string, unknown>>(`SELECT * FROM record WHERE id = $1`, [sampleId]);
    const { rows: sampleAudit } = await pool.query<Record<string, unknown>>(`SELECT * FROM audit_event WHERE entity_id = $1`, [sampleId]);
    // created_at and updated_at are left to the column defaults, as the server leaves them.
    const { created_at: _created, updated_at: _updated, ...recordRow } = sampleRows[0]!;
    const recordAudit: AuditContent = {
      actor: String(sampleAudit[0]!.actor),
      action: String(sampleAudit[0]!.action),
      entityType: String(sampleAudit[0]!.entity_type),
      entityId: null,
      before: sampleAudit[0]!.before,
      after: sampleAudit[0]!.after,
    };
    const probeRecorder = new Recorder();
    const template = await probeInstance(setupClient, pool, probeRecorder, team).catch((error: unknown) => {
      checkFailures('probe instance', probeRecorder);
      throw error;
    });
    setupClient.close();

    const json = await jsonColumns(pool);
    await createRawSchema(pool);

    // --- phases: the API and the raw peer take turns in slices, so load elsewhere on the machine hits both alike
    interface PhaseResult {
      records: RunOutcome;
      recordLatency: LatencyStats;
      instances: RunOutcome;
      steps: Map<string, LatencyStats>;
      recordSessions: string[];
      flowSessions: string[];
      rawRecords: RunOutcome;
      rawInstances: RunOutcome;
      rawSteps: Map<string, LatencyStats>;
    }
    const results: Record<string, PhaseResult> = {};
    const acknowledged = { records: 0, instances: 0 };
    const sliceSeconds = seconds / slices;
    /** Runs `api` and `raw` in alternating slices and adds up what each completed. */
    const alternate = async (api: () => Promise<RunOutcome>, raw: () => Promise<RunOutcome>): Promise<[RunOutcome, RunOutcome]> => {
      const sums = [
        { completed: 0, seconds: 0, busySeconds: 0 },
        { completed: 0, seconds: 0, busySeconds: 0 },
      ];
      for (let slice = 0; slice < slices; slice++) {
        for (const [index, run] of [api, raw].entries()) {
          const outcome = await run();
          sums[index]!.completed += outcome.completed;
          sums[index]!.seconds += outcome.seconds;
          sums[index]!.busySeconds += outcome.busySeconds;
        }
      }
      const [ours, peer] = sums.map((sum) => ({ ...sum, rate: sum.completed / sum.seconds, steadyRate: sum.completed ? (concurrency * sum.completed) / sum.busySeconds : 0 }));
      return [ours!, peer!];
    };
    const runPhases = async (label: string, urls: string[]) => {
      // Each API turn opens its connections afresh: kept-alive ones idle through the raw peer's turn
      // would meet the server's keep-alive timeout (5 s) and be cut under a request.
      const turn = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
        const client = new Client(urls, concurrency);
        try {
          return await work(client);
        } finally {
          client.close();
        }
      };
      // Warm-up: the JIT and the connection pools, results discarded.
      const warm = new Recorder();
      await turn((client) =>
        runClosedLoop(concurrency, warmupSeconds, async (worker) => {
          await warm.send(client, 'record', 'POST', '/forms/loan_application/records', { data: loanApplication(worker) }, manager.token);
        }),
      );
      checkFailures(`${label} warm-up`, warm);
      acknowledged.records += warm.latencies.get('record')?.length ?? 0;

      const recordRecorder = new Recorder();
      let n = 0;
      const recordWaits = new WaitSampler(samplerPool);
      const [records, rawRecords] = await alternate(
        async () => {
          recordWaits.start();
          const outcome = await turn((client) =>
            runClosedLoop(concurrency, sliceSeconds, async () => {
              await recordRecorder.send(client, 'record', 'POST', '/forms/loan_application/records', { data: loanApplication(n++) }, manager.token);
            }),
          );
          await recordWaits.pause();
          checkFailures(`${label} record creation`, recordRecorder);
          return outcome;
        },
        () => runClosedLoop(concurrency, sliceSeconds, () => rawRecordCreate(pool, json, recordRow, recordAudit)),
      );
      acknowledged.records += records.completed;

      const flowRecorder = new Recorder();
      const flowWaits = new WaitSampler(samplerPool);
      const rawSteps = new Map<string, number[]>();
      const [instances, rawInstances] = await alternate(
        async () => {
          flowWaits.start();
          const outcome = await turn(async (client) => {
            const kyc = new KycWorker(client, flowRecorder, team.worker);
            kyc.start();
            try {
              return await runClosedLoop(concurrency, sliceSeconds, () => loanFlow(client, flowRecorder, team));
            } finally {
              await kyc.stop();
            }
          });
          await flowWaits.pause();
          checkFailures(`${label} loan instances`, flowRecorder);
          return outcome;
        },
        () =>
          runClosedLoop(concurrency, sliceSeconds, () =>
            rawInstance(pool, json, template, (step, elapsed) => {
              if (!rawSteps.has(step)) rawSteps.set(step, []);
              rawSteps.get(step)!.push(elapsed);
            }),
          ),
      );
      acknowledged.instances += instances.completed;
      results[label] = {
        records,
        recordLatency: recordRecorder.stats('record'),
        instances,
        steps: new Map([...flowRecorder.latencies.keys()].map((step) => [step, flowRecorder.stats(step)])),
        recordSessions: recordWaits.summary(),
        flowSessions: flowWaits.summary(),
        rawRecords,
        rawInstances,
        rawSteps: new Map([...rawSteps].map(([step, values]) => [step, latencyStats(values)])),
      };
      console.log(`${label}: ${records.rate.toFixed(0)} records/s (raw ${rawRecords.rate.toFixed(0)}), ${instances.steadyRate.toFixed(1)} instances/s (raw ${rawInstances.steadyRate.toFixed(1)})`);
    };

    const countBefore = await counts(pool);
    await runPhases('1 process', [first.url]);
    const second = await start('b');
    console.log(`server 2 listening at ${second.url}`);
    await runPhases('2 processes', [first.url, second.url]);

    // --- nothing lost, nothing doubled: rows against acknowledged requests, jobs done once, chain intact
    const integrity = await checkIntegrity(pool, countBefore, acknowledged, coreBanking.calls, new Client([first.url], 2), admin);
    for (const line of integrity) console.log(`  ${line}`);

    // --- (c) the inbox with many open tasks
    const seedStarted = performance.now();
    await seedOpenTasks(pool, inboxTasks);
    const { rows: openRows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM task WHERE status = 'open'`);
    const openTasks = openRows[0]!.n;
    console.log(`seeded ${inboxTasks.toLocaleString('en-US')} open tasks in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s (${openTasks.toLocaleString('en-US')} open in all)`);
    const inboxSeconds = Math.max(3, seconds / 2);
    const inbox: Record<string, Record<'candidate' | 'mine', { outcome: RunOutcome; stats: LatencyStats }>> = {};
    const measureInbox = async (label: string, urls: string[]) => {
      const client = new Client(urls, inboxConcurrency);
      inbox[label] = {} as (typeof inbox)[string];
      for (const view of ['candidate', 'mine'] as const) {
        const recorder = new Recorder();
        await recorder.send(client, 'warm', 'GET', `/tasks?view=${view}`, undefined, officer.token);
        const outcome = await runClosedLoop(inboxConcurrency, inboxSeconds, async () => {
          await recorder.send(client, view, 'GET', `/tasks?view=${view}`, undefined, officer.token);
        });
        checkFailures(`${label} inbox ${view}`, recorder);
        inbox[label][view] = { outcome, stats: recorder.stats(view) };
      }
      client.close();
    };
    await measureInbox('2 processes', [first.url, second.url]);
    await second.stop();
    await measureInbox('1 process', [first.url]);
    const appRoles = Object.entries(officer.appRoles).flatMap(([app, roles]) => roles.map((role) => `${app}:${role}`));
    const rawInbox: Record<'candidate' | 'mine', { outcome: RunOutcome; stats: LatencyStats; rows: number }> = {} as typeof rawInbox;
    for (const view of ['candidate', 'mine'] as const) {
      const latencies: number[] = [];
      let rows = 0;
      const outcome = await runClosedLoop(inboxConcurrency, inboxSeconds, async () => {
        const started = performance.now();
        const result = await pool.query(inboxSql(view), ['credit_officer', officer.roles, appRoles]);
        latencies.push(performance.now() - started);
        rows = result.rowCount ?? 0;
      });
      rawInbox[view] = { outcome, stats: latencyStats(latencies), rows };
    }

    // --- report
    const one = results['1 process']!;
    const two = results['2 processes']!;
    const figures: BenchFigure[] = [
      { name: 'record creation, 1 process', unit: 'records/s', ours: one.records.rate, peer: one.rawRecords.rate, peerName: 'pg: record + audit row per transaction', higherIsBetter: true, target: '>= 0.4' },
      { name: 'record creation, 2 processes', unit: 'records/s', ours: two.records.rate, peer: two.rawRecords.rate, peerName: 'pg: record + audit row per transaction', higherIsBetter: true },
      { name: 'record creation, 2 processes vs 1', unit: 'records/s', ours: two.records.rate, peer: one.records.rate, peerName: '1 process', higherIsBetter: true },
      { name: 'loan instances (start, 3 tasks, KYC job, disbursement), 1 process', unit: 'instances/s', ours: one.instances.steadyRate, peer: one.rawInstances.steadyRate, peerName: 'pg: same rows, one transaction per step', higherIsBetter: true },
      { name: 'loan instances (start, 3 tasks, KYC job, disbursement), 2 processes', unit: 'instances/s', ours: two.instances.steadyRate, peer: two.rawInstances.steadyRate, peerName: 'pg: same rows, one transaction per step', higherIsBetter: true },
      { name: 'loan instances, 2 processes vs 1', unit: 'instances/s', ours: two.instances.steadyRate, peer: one.instances.steadyRate, peerName: '1 process', higherIsBetter: true },
    ];
    for (const view of ['candidate', 'mine'] as const) {
      for (const label of ['1 process', '2 processes']) {
        figures.push({
          name: `inbox ${view} p95, ${(inboxTasks / 1000).toFixed(0)}k open tasks, ${label}`,
          unit: 'ms',
          ours: inbox[label]![view].stats.p95,
          peer: rawInbox[view].stats.p95,
          peerName: 'pg: the same SQL',
          higherIsBetter: false,
        });
      }
    }
    const notes = [
      `Postgres ${scratch.describe.split(' on ')[1]}, ${concurrency} concurrent clients, ${seconds} s per phase in ${slices} turns with the raw peer, requests round-robin over the processes; raw peer: pg pool of 10 (a server process's pool size)`,
      ...(['1 process', '2 processes'] as const).flatMap((label) => {
        const result = results[label]!;
        return [
          `${label}: records ${result.records.rate.toFixed(0)}/s (${result.records.completed} in ${result.records.seconds.toFixed(1)} s), ${describeLatency('POST record', result.recordLatency)}`,
          ...result.recordSessions.map((line) => `${label}: records: database sessions: ${line}`),
          `${label}: instances ${result.instances.steadyRate.toFixed(1)}/s at ${concurrency} clients (clients ÷ mean instance time); ${result.instances.completed} in ${result.instances.seconds.toFixed(1)} s with the tails = ${result.instances.rate.toFixed(1)}/s`,
          ...[...result.steps].map(([step, stats]) => `${label}:   ${describeLatency(step, stats)}`),
          ...result.flowSessions.map((line) => `${label}: instances: database sessions: ${line}`),
          ...(['candidate', 'mine'] as const).map((view) => `${label}: ${describeLatency(`GET /tasks?view=${view}`, inbox[label]![view].stats)}, ${inbox[label]![view].outcome.rate.toFixed(0)} req/s`),
        ];
      }),
      ...(['1 process', '2 processes'] as const).map((label) => {
        const result = results[label]!;
        return `raw, beside ${label}: records ${result.rawRecords.rate.toFixed(0)}/s, instances ${result.rawInstances.steadyRate.toFixed(1)}/s (${result.rawInstances.rate.toFixed(1)}/s with the tails); ${[...result.rawSteps].map(([step, stats]) => describeLatency(step, stats)).join('; ')}`;
      }),
      ...(['candidate', 'mine'] as const).map((view) => `raw inbox ${view}: ${describeLatency('SQL', rawInbox[view].stats)}, ${rawInbox[view].rows} rows, ${rawInbox[view].outcome.rate.toFixed(0)} queries/s`),
      `inbox: ${inboxConcurrency} concurrent clients as the credit officer; ${openTasks.toLocaleString('en-US')} open tasks in the database`,
      ...integrity,
      `whole run ${((performance.now() - began) / 1000).toFixed(0)} s`,
    ];
    reportBench('api (Postgres)', figures, notes);
  } catch (error) {
    for (const server of servers) if (server.child.exitCode !== null) console.error(`server log ${server.logFile}:\n${tail(server.logFile)}`);
    throw error;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await coreBanking?.close();
    await pool.end();
    await samplerPool.end();
    await scratch.drop();
    for (const server of servers) fs.rmSync(server.logFile, { force: true });
  }
}

interface Team {
  manager: Session;
  officer: Session;
  risk: Session;
  branch: Session;
  /** The KYC/AML system's account, fetching and completing its jobs. */
  worker: Session;
}

/**
 * One loan through the API, each task found in the inbox and completed by the user whose step it
 * is: credit review, risk review (beside it the KYC/AML job, completed by the KYC worker), branch
 * approval. Disbursement (core banking) and the notice are the job worker's.
 */
async function loanFlow(client: Client, recorder: Recorder, team: Team): Promise<void> {
  const key = businessKeys++;
  const application = loanApplication(key);
  const started = (await recorder.send(client, 'start instance', 'POST', '/processes/loan_approval/instances', { variables: application, businessKey: `BENCH-${key}` }, team.manager.token)) as { id: string };
  const complete = async (session: Session, element: string, step: string, data: Record<string, unknown>) => {
    const taskId = await findInInbox(client, recorder, session, 'candidate', started.id, element);
    await recorder.send(client, step, 'POST', `/tasks/${taskId}/complete`, { data }, session.token);
  };
  await complete(team.officer, 'credit_review', 'credit review', creditContinue);
  await complete(team.risk, 'risk_review', 'risk review', riskApprove);
  // The branch approval opens once the KYC/AML result is in too: the branch manager's inbox shows it then.
  const until = performance.now() + 60_000;
  let taskId: string | undefined;
  while (!taskId) {
    const inbox = (await recorder.send(client, 'inbox (candidate)', 'GET', '/tasks?view=candidate', undefined, team.branch.token)) as { items: (OpenTask & { instanceId: string })[] };
    taskId = inbox.items.find((task) => task.instanceId === started.id && task.elementId === 'branch_approval')?.id;
    if (!taskId) {
      if (performance.now() > until) {
        recorder.failures.push({ step: 'branch approval', request: 'GET /tasks?view=candidate', status: 200, body: `no branch approval of instance ${started.id} within 60 s (KYC/AML job not completed?)` });
        throw new StepFailed('branch approval');
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  await recorder.send(client, 'branch approval', 'POST', `/tasks/${taskId}/complete`, { data: branchApprove(application) }, team.branch.token);
}

/**
 * The KYC/AML system: fetches and locks open `kyc.amlCheck` jobs through the jobs API and completes
 * each with a clean result, until stopped.
 */
class KycWorker {
  private running = false;
  private loop: Promise<void> | undefined;
  completed = 0;

  constructor(
    private readonly client: Client,
    private readonly recorder: Recorder,
    private readonly worker: Session,
  ) {}

  start(): void {
    this.running = true;
    this.loop = (async () => {
      while (this.running) {
        const { items } = (await this.recorder.send(this.client, 'kyc: fetch-and-lock', 'POST', '/jobs/fetch-and-lock', { workerId: 'bench-aml', types: ['kyc.amlCheck'], maxJobs: 20, lockSeconds: 60 }, this.worker.token)) as { items: { id: string }[] };
        // The checks of one batch run side by side, as a screening service answers them.
        await Promise.all(
          items.map(async (job) => {
            await this.recorder.send(this.client, 'kyc: complete', 'POST', `/jobs/${job.id}/complete`, { workerId: 'bench-aml', variables: { amlHit: false } }, this.worker.token);
            this.completed++;
          }),
        );
        if (items.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop?.catch(() => undefined);
  }
}

/** The user's inbox, as the runtime shows it, and in it the open task of this instance at `element`. */
async function findInInbox(client: Client, recorder: Recorder, session: Session, view: 'candidate' | 'mine', instanceId: string, element: string): Promise<string> {
  const inbox = (await recorder.send(client, `inbox (${view})`, 'GET', `/tasks?view=${view}`, undefined, session.token)) as { items: (OpenTask & { instanceId: string })[] };
  const task = inbox.items.find((candidate) => candidate.instanceId === instanceId && candidate.elementId === element);
  if (!task) {
    recorder.failures.push({ step: element, request: `GET /tasks?view=${view}`, status: 200, body: `no open ${element} task of instance ${instanceId} among ${inbox.items.length}` });
    throw new StepFailed(element);
  }
  return task.id;
}

/** Plays one loan slowly, recording after each step what the server wrote, for the raw peer to replay. */
async function probeInstance(client: Client, pool: Pool, recorder: Recorder, team: Team): Promise<InstanceTemplate> {
  const probe = new InstanceProbe(pool);
  await probe.begin();
  const application = loanApplication(7);
  const started = (await recorder.send(client, 'start', 'POST', '/processes/loan_approval/instances', { variables: application, businessKey: 'BENCH-PROBE' }, team.manager.token)) as { id: string };
  await probe.step('start instance', started.id);
  const completeTask = async (session: Session, element: string, name: string, data: Record<string, unknown>) => {
    const taskId = await findInInbox(client, recorder, session, 'candidate', started.id, element);
    await recorder.send(client, name, 'POST', `/tasks/${taskId}/complete`, { data }, session.token);
    await probe.step(name, started.id);
  };
  await completeTask(team.officer, 'credit_review', 'credit review', creditContinue);
  await completeTask(team.risk, 'risk_review', 'risk review', riskApprove);
  const { items } = (await recorder.send(client, 'kyc', 'POST', '/jobs/fetch-and-lock', { workerId: 'bench-aml', types: ['kyc.amlCheck'], maxJobs: 1 }, team.worker.token)) as { items: { id: string }[] };
  if (items.length !== 1) throw new Error(`probe: expected the probe's KYC/AML job, fetch-and-lock gave ${items.length}`);
  await recorder.send(client, 'kyc', 'POST', `/jobs/${items[0]!.id}/complete`, { workerId: 'bench-aml', variables: { amlHit: false } }, team.worker.token);
  await probe.step('kyc/aml result (jobs API)', started.id);
  await completeTask(team.branch, 'branch_approval', 'branch approval', branchApprove(application));
  await waitFor(async () => (await pool.query(`SELECT 1 FROM process_instance WHERE id = $1 AND status = 'completed'`, [started.id])).rowCount === 1, 30_000, 'the probe instance to complete (disbursement and notice jobs)');
  await probe.step('disbursement and notice (job worker)', started.id);
  return probe.template();
}

/** A stand-in for core banking's disbursement endpoint, which the template's service task calls. */
async function coreBankingStub(): Promise<{ url: string; calls: () => number; close: () => Promise<void> }> {
  let calls = 0;
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      calls++;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ disbursementId: `DSB-BENCH-${calls}`, status: 'disbursed' }));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/disbursements`,
    calls: () => calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Counts {
  records: number;
  recordAudit: number;
}

async function counts(pool: Pool): Promise<Counts> {
  const { rows } = await pool.query<{ records: number; audit: number }>(
    `SELECT (SELECT count(*)::int FROM record WHERE form_key = 'loan_application') AS records,
            (SELECT count(*)::int FROM audit_event WHERE action = 'record.create' AND entity_type = 'record:loan_application') AS audit`,
  );
  return { records: rows[0]!.records, recordAudit: rows[0]!.audit };
}

/**
 * After both runs: every acknowledged record and instance is in the database exactly once, every
 * instance went the same way (same tasks, history and audit rows as the probe), its rejection
 * notice was sent once, and the audit chain verifies.
 */
async function checkIntegrity(pool: Pool, before: Counts, acknowledged: { records: number; instances: number }, disbursements: () => number, client: Client, admin: Session): Promise<string[]> {
  const problems: string[] = [];
  const after = await counts(pool);
  const newRecords = after.records - before.records;
  const newAudit = after.recordAudit - before.recordAudit;
  if (newRecords !== acknowledged.records) problems.push(`${acknowledged.records} record creations acknowledged, ${newRecords} records in the database`);
  if (newAudit !== acknowledged.records) problems.push(`${acknowledged.records} record creations acknowledged, ${newAudit} record.create audit rows`);

  await waitFor(
    async () => (await pool.query(`SELECT 1 FROM process_instance WHERE business_key LIKE 'BENCH-%' AND status <> 'completed' LIMIT 1`)).rowCount === 0,
    90_000,
    'every benchmark instance to complete (disbursement and notice jobs)',
  );
  // Every instance went the probe's way: the same rows of every kind, each job done once.
  const { rows } = await pool.query<{ probe: boolean; tasks: string; completed_tasks: string; history: string; audit: string; notifications: string; jobs_done: string; external_done: string; ended: boolean; n: number }>(
    `WITH per AS (
       SELECT i.business_key = 'BENCH-PROBE' AS probe,
         (SELECT count(*) FROM task t WHERE t.instance_id = i.id) AS tasks,
         (SELECT count(*) FROM task t WHERE t.instance_id = i.id AND t.status = 'completed') AS completed_tasks,
         (SELECT count(*) FROM process_history h WHERE h.instance_id = i.id) AS history,
         (SELECT count(*) FROM audit_event a WHERE a.entity_id = i.id::text) AS audit,
         (SELECT count(*) FROM notification n WHERE n.link = '/instances/' || i.id) AS notifications,
         (SELECT count(*) FROM job j WHERE j.instance_id = i.id AND j.kind = 'process.job' AND j.status = 'done') AS jobs_done,
         (SELECT count(*) FROM external_job e WHERE e.instance_id = i.id AND e.status = 'completed') AS external_done,
         EXISTS (SELECT 1 FROM process_history h WHERE h.instance_id = i.id AND h.element_id = 'end_disbursed') AS ended
       FROM process_instance i WHERE i.business_key LIKE 'BENCH-%')
     SELECT probe, tasks, completed_tasks, history, audit, notifications, jobs_done, external_done, ended, count(*)::int AS n
     FROM per GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  );
  const shape = (row: (typeof rows)[number]) =>
    `${row.tasks} tasks (${row.completed_tasks} completed), ${row.history} history rows, ${row.audit} audit rows, ${row.notifications} notifications, ${row.jobs_done} jobs done, ${row.external_done} external jobs completed${row.ended ? ', ended at end_disbursed' : ', NOT disbursed'}`;
  const probe = rows.find((row) => row.probe);
  const expected = probe ? shape(probe) : 'no probe instance';
  const instances = rows.filter((row) => !row.probe).reduce((sum, row) => sum + row.n, 0);
  const odd = rows.filter((row) => !row.probe && shape(row) !== expected);
  if (!probe?.ended) problems.push(`the probe instance did not end at end_disbursed: ${expected}`);
  if (instances !== acknowledged.instances) problems.push(`${acknowledged.instances} instances acknowledged, ${instances} in the database`);
  for (const row of odd) problems.push(`${row.n} instances with ${shape(row)}; the probe has ${expected}`);
  if (disbursements() !== instances + 1) problems.push(`core banking was called ${disbursements()} times for ${instances + 1} approved loans`);

  const verify = await client.request('GET', '/audit/verify', undefined, admin.token);
  client.close();
  const verdict = verify.body as { ok?: boolean; checked?: number };
  if (verify.status !== 200 || verdict.ok !== true) problems.push(`audit chain does not verify: ${verify.status} ${JSON.stringify(verify.body)}`);
  if (problems.length) throw new Error(`integrity after the 1- and 2-process runs:\n  ${problems.join('\n  ')}`);
  return [
    `integrity: ${acknowledged.records} acknowledged record creations = ${newRecords} records = ${newAudit} audit rows`,
    `integrity: ${acknowledged.instances} acknowledged instances = ${instances} instances, each like the probe: ${expected}; core banking called once per loan (${disbursements()})`,
    `integrity: audit chain verifies (${verdict.checked} rows)`,
  ];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
