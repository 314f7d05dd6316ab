/**
 * Report engine benchmark: complaint records in Postgres (DATABASE_URL) or the embedded PGlite.
 * A complaint dashboard's three datasets run as the SQL `toSql` compiles, as hand-written SQL,
 * and as rows fetched and aggregated in JavaScript (`evaluateInMemory`), in the same run.
 * Rows: 1,000,000 on Postgres; 100,000 on PGlite (single-threaded WebAssembly, where 10⁶ rows
 * take ~9 minutes) so `pnpm bench` stays within its time budget. TESSERA_BENCH_ROWS (or the older
 * RECORDS) sets the count either way.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:reports   (10⁶ rows)
 *   TESSERA_BENCH_ROWS=1000000 pnpm bench:reports                                  (10⁶ rows on PGlite)
 */
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { compileDataset, type DatasetDefinition, evaluateInMemory, type ResultRow, toSql } from '@tessera/reports';
import type { VariableSchema } from '@tessera/rules';
import { measureMs, reportBench, type BenchFigure } from './harness';

const POSTGRES_ROWS = 1_000_000;
const PGLITE_ROWS = 100_000;

function rowCount(): number {
  const [name, raw] = process.env.TESSERA_BENCH_ROWS ? ['TESSERA_BENCH_ROWS', process.env.TESSERA_BENCH_ROWS] : ['RECORDS', process.env.RECORDS];
  if (raw === undefined || raw === '') return process.env.DATABASE_URL ? POSTGRES_ROWS : PGLITE_ROWS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number of rows, got "${raw}"`);
  return value;
}

const recordCount = rowCount();

interface Database {
  name: string;
  query(text: string, values?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

async function openDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new Client({ connectionString: url });
    await client.connect();
    const schema = `bench_reports_${process.pid}`;
    await client.query(`CREATE SCHEMA ${schema}`);
    await client.query(`SET search_path TO ${schema}`);
    return {
      name: 'PostgreSQL',
      query: async (text, values) => (await client.query(text, values)).rows,
      close: async () => {
        await client.query(`DROP SCHEMA ${schema} CASCADE`);
        await client.end();
      },
    };
  }
  const pglite = new PGlite();
  return {
    name: 'PGlite',
    query: async (text, values) => (await pglite.query<Record<string, unknown>>(text, values)).rows,
    close: () => pglite.close(),
  };
}

const schema: VariableSchema = {
  category: 'string',
  channel: 'string',
  branch: 'string',
  amount: 'money',
  firstResponseAt: 'datetime',
  slaDueAt: 'datetime',
  resolvedAt: 'datetime',
};

async function load(database: Database): Promise<void> {
  await database.query(`CREATE TABLE record (
    id uuid PRIMARY KEY, app_key text, form_key text NOT NULL, form_version int, data jsonb NOT NULL,
    created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, created_by text, owner_id text,
    department_id text, version int NOT NULL DEFAULT 1, deleted_at timestamptz NULL)`);
  const batch = 100_000;
  for (let start = 0; start < recordCount; start += batch) {
    // Deterministic pseudo-random values from the row number, so every run loads the same data.
    await database.query(
      `INSERT INTO record (id, app_key, form_key, form_version, data, created_at, updated_at, created_by, owner_id, department_id, deleted_at)
       SELECT md5(n::text)::uuid, 'complaints', CASE WHEN n % 20 = 0 THEN 'loan' ELSE 'complaint' END, 1,
         jsonb_build_object(
           'category', (ARRAY['信用卡','贷款','理财','ATM','网银','柜面服务','催收','保险代销'])[(1 + (n * 7919) % 8)::int],
           'channel', (ARRAY['网点','app','phone','12378'])[(1 + (n * 104729) % 4)::int],
           'branch', (ARRAY['上海分行','北京分行','深圳分行','广州分行','杭州分行'])[(1 + (n * 31) % 5)::int],
           'amount', to_char(((n * 2654435761::bigint) % 100000000) / 100.0, 'FM999999990.00'),
           'firstResponseAt', to_char(created + ((n * 40503) % 7200) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'slaDueAt', to_char(created + interval '72 hours', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
           'resolvedAt', to_char(created + ((n * 69069) % 9000) * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
         ),
         created, created, 'u' || (n % 500), 'u' || (n % 500), 'd' || (n % 40),
         CASE WHEN n % 97 = 0 THEN created END
       FROM (
         SELECT n, timestamptz '2025-01-01 00:00:00+00' + ((n * 7477) % (730 * 1440)) * interval '1 minute' AS created
         FROM generate_series($1::bigint, $2::bigint) AS n
       ) AS generated`,
      [start + 1, Math.min(start + batch, recordCount)],
    );
  }
  await database.query('ANALYZE record');
}

const source = { type: 'records', form: 'complaint' } as const;
const parameters = { from: { type: 'date', required: true } } as const;
const since = { '>=': [{ var: '$createdAt' }, { var: '$params.from' }] };
const params = { from: '2025-07-01' };

interface Case {
  definition: DatasetDefinition;
  handWritten: string;
}

const cases: Case[] = [
  {
    definition: {
      key: 'complaintsPerCategoryPerMonth',
      source,
      parameters,
      filter: since,
      dimensions: [
        { key: 'category', field: 'category' },
        { key: 'month', field: '$createdAt', bucket: 'month' },
      ],
      measures: [{ key: 'complaints', aggregate: 'count' }],
    },
    handWritten: `SELECT data->>'category' AS category,
        to_char(date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS month, count(*)::float8 AS complaints
      FROM record WHERE form_key = 'complaint' AND deleted_at IS NULL
        AND created_at >= (date '2025-07-01')::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY 1, 2 ORDER BY 1, 2`,
  },
  {
    definition: {
      key: 'medianFirstResponseHours',
      source,
      parameters,
      filter: since,
      dimensions: [{ key: 'category', field: 'category' }],
      measures: [
        {
          key: 'medianHours',
          aggregate: 'duration',
          from: '$createdAt',
          to: 'firstResponseAt',
          unit: 'hours',
          statistic: 'percentile',
          percentile: 0.5,
        },
      ],
    },
    handWritten: `SELECT data->>'category' AS category,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (data->>'firstResponseAt')::timestamptz - created_at) / 3600)::float8 AS "medianHours"
      FROM record WHERE form_key = 'complaint' AND deleted_at IS NULL
        AND created_at >= (date '2025-07-01')::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY 1 ORDER BY 1`,
  },
  {
    definition: {
      key: 'slaBreachRate',
      source,
      parameters,
      filter: since,
      dimensions: [{ key: 'month', field: '$createdAt', bucket: 'month' }],
      measures: [
        { key: 'tickets', aggregate: 'count' },
        { key: 'breached', aggregate: 'count', where: { isAfter: [{ var: 'resolvedAt' }, { var: 'slaDueAt' }] } },
        { key: 'breachRate', aggregate: 'ratio', numerator: 'breached', denominator: 'tickets' },
      ],
    },
    handWritten: `SELECT to_char(date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD') AS month,
        count(*)::float8 AS tickets,
        count(*) FILTER (WHERE (data->>'resolvedAt')::timestamptz > (data->>'slaDueAt')::timestamptz)::float8 AS breached,
        count(*) FILTER (WHERE (data->>'resolvedAt')::timestamptz > (data->>'slaDueAt')::timestamptz)::float8 / count(*) AS "breachRate"
      FROM record WHERE form_key = 'complaint' AND deleted_at IS NULL
        AND created_at >= (date '2025-07-01')::timestamp AT TIME ZONE 'Asia/Shanghai'
      GROUP BY 1 ORDER BY 1`,
  },
];

function sameResult(a: ResultRow[], b: ResultRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((row, index) =>
      Object.keys(row).every((key) => {
        const x = row[key];
        const y = b[index]![key];
        return typeof x === 'number' && typeof y === 'number'
          ? Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x))
          : x === y;
      }),
    )
  );
}

async function main(): Promise<void> {
  const database = await openDatabase();
  try {
    let started = Date.now();
    await load(database);
    const loadSeconds = (Date.now() - started) / 1000;
    console.log(
      `${database.name}: loaded ${recordCount.toLocaleString('en-US')} records in ${loadSeconds.toFixed(1)} s`,
    );

    const figures: BenchFigure[] = [];
    const where = `${database.name}, ${recordCount.toLocaleString('en-US')} rows`;
    const notes: string[] = [`${where} loaded in ${loadSeconds.toFixed(1)} s`];
    if (!process.env.DATABASE_URL && !process.env.TESSERA_BENCH_ROWS && !process.env.RECORDS) {
      notes.push(
        `PGlite runs ${PGLITE_ROWS.toLocaleString('en-US')} rows to fit the bench time budget; the ${POSTGRES_ROWS.toLocaleString('en-US')}-row run: set DATABASE_URL (or TESSERA_BENCH_ROWS=${POSTGRES_ROWS})`,
      );
    }
    for (const { definition, handWritten } of cases) {
      const dataset = compileDataset(definition, { schema });
      const compiled = toSql(dataset, params);
      let compiledRows: ResultRow[] = [];
      let handRows: ResultRow[] = [];
      // Alternate the two queries so neither gets a warmer cache.
      const compiledTimes: number[] = [];
      const handTimes: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        compiledTimes.push(
          await measureMs(
            async () => (compiledRows = (await database.query(compiled.text, compiled.values)) as ResultRow[]),
            1,
          ),
        );
        handTimes.push(await measureMs(async () => (handRows = (await database.query(handWritten)) as ResultRow[]), 1));
      }
      const median = (times: number[]) => [...times].sort((a, b) => a - b)[1]!;
      started = Date.now();
      let memoryRows: ResultRow[] = [];
      const jsMs = await measureMs(async () => {
        const rows = await database.query(`SELECT * FROM record WHERE form_key = 'complaint'`);
        memoryRows = evaluateInMemory(dataset, rows, params);
      }, 1);
      if (!sameResult(compiledRows, handRows) || !sameResult(compiledRows, memoryRows)) {
        throw new Error(
          `${definition.key}: the three ways disagree\n${JSON.stringify({ compiledRows: compiledRows.slice(0, 3), handRows: handRows.slice(0, 3), memoryRows: memoryRows.slice(0, 3) })}`,
        );
      }
      figures.push(
        {
          name: `${definition.key}: compiled vs hand-written SQL (${where})`,
          unit: 'ms',
          ours: median(compiledTimes),
          peer: median(handTimes),
          peerName: 'hand-written SQL',
          higherIsBetter: false,
          target: '>= 0.67 (within 1.5x)',
        },
        {
          name: `${definition.key}: compiled SQL vs JS aggregation (${where})`,
          unit: 'ms',
          ours: median(compiledTimes),
          peer: jsMs,
          peerName: 'fetch rows + evaluateInMemory',
          higherIsBetter: false,
          target: '>= 10',
        },
      );
      notes.push(`${definition.key}: ${compiledRows.length} result rows, identical from the three ways`);
    }
    reportBench('reports', figures, notes);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
