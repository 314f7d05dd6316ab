/**
 * Report datasets run in SQL give exactly what the projected in-memory path gives: the records of
 * the caller's scope, each as the caller sees it (hidden fields absent, masks applied), aggregated
 * by `evaluateInMemory`. Checked for every demo user over generated loan applications written with
 * two form versions, one of which hides fields from branch managers and a row field from credit
 * officers.
 */
import type { FormDefinition } from '@tessera/forms';
import {
  type CompiledDataset,
  compileDataset,
  type DatasetDefinition,
  evaluateInMemory,
  type ResultRow,
  type SourceRow,
} from '@tessera/reports';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { type AuthenticatedUser, rolesIn } from '../auth/authenticated-user';
import { FormsService } from '../forms/forms.service';
import { scopeCondition, scopeOf } from '../records/record-scope';
import { bearerFor } from '../test-support/sign-in';
import { templateAsText } from '../test-support/template-files';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { demoUsers } from '../users/demo-users';
import { UsersService } from '../users/users.service';
import { ReportsService } from './reports.service';

jest.setTimeout(180_000);

const FORM = 'loan_application';
const APP = 'loan-approval';

let testApp: TestApp;
let dataSource: DataSource;
let reports: ReportsService;
let forms: FormsService;
let users: AuthenticatedUser[];

function userNamed(username: string): AuthenticatedUser {
  const user = users.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

/** Version 2 of the loan application: a new note and the monthly income hidden from branch managers, collateral values from credit officers. */
function secondVersion(first: FormDefinition): FormDefinition {
  const definition = JSON.parse(JSON.stringify(first)) as FormDefinition & { fields: Record<string, unknown>[] };
  const fields = definition.fields as unknown as Record<string, unknown>[];
  const field = (key: string) => fields.find((candidate) => candidate.key === key)!;
  field('monthlyIncome').permissions = { roles: { branch_manager: 'hidden' } };
  const collateral = field('collateral') as { fields: Record<string, unknown>[] };
  collateral.fields.find((row) => row.key === 'value')!.permissions = { roles: { credit_officer: 'hidden' } };
  fields.push({
    key: 'riskNote',
    type: 'text',
    label: { 'zh-CN': '风险备注', en: 'Risk note' },
    permissions: { roles: { branch_manager: 'hidden' } },
  });
  return definition;
}

const owners = ['account_manager', 'account_manager_west', 'credit_officer', 'branch_manager', 'admin'];
const departments = ['branch-east', 'branch-west', 'head-office'];

const application = fc.record({
  version: fc.constantFrom(1, 2),
  owner: fc.constantFrom(...owners),
  department: fc.option(fc.constantFrom(...departments), { nil: null }),
  deleted: fc.integer({ min: 0, max: 9 }).map((draw) => draw === 0),
  status: fc.constantFrom('submitted', 'credit_review', 'approved', 'rejected', 'disbursed'),
  product: fc.constantFrom('consumer', 'mortgage', 'car'),
  grade: fc.option(fc.constantFrom('A', 'B', 'C'), { nil: undefined }),
  amount: fc.integer({ min: 100_000, max: 90_000_000 }).map((cents) => (cents / 100).toFixed(2)),
  income: fc.option(
    fc.integer({ min: 0, max: 5_000_000 }).map((cents) => (cents / 100).toFixed(2)),
    { nil: undefined },
  ),
  years: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  mobile: fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`),
  note: fc.option(fc.constantFrom('多头借贷', '收入存疑', '正常'), { nil: undefined }),
  submittedDay: fc.integer({ min: 0, max: 300 }),
  decidedAfter: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  collateral: fc.array(
    fc.record({
      type: fc.constantFrom('property', 'vehicle', 'deposit'),
      description: fc.constantFrom('房产', '车辆', '存单'),
      value: fc.integer({ min: 1, max: 500_000_000 }).map((cents) => (cents / 100).toFixed(2)),
    }),
    { maxLength: 3 },
  ),
});

type Application = typeof application extends fc.Arbitrary<infer T> ? T : never;

async function insertApplications(generated: Application[]): Promise<void> {
  const values: unknown[] = [];
  const tuples: string[] = [];
  for (const item of generated) {
    const owner = userNamed(item.owner);
    const submitted = new Date(Date.UTC(2026, 0, 1) + item.submittedDay * 86_400_000 + 9 * 3_600_000);
    const data: Record<string, unknown> = {
      applicantName: '张伟',
      mobile: item.mobile,
      status: item.status,
      product: item.product,
      amount: item.amount,
      submittedAt: submitted.toISOString(),
      collateral: item.collateral,
    };
    if (item.grade !== undefined) data.creditGrade = item.grade;
    if (item.income !== undefined) data.monthlyIncome = item.income;
    if (item.years !== undefined) data.employmentYears = item.years;
    if (item.decidedAfter !== undefined)
      data.decidedAt = new Date(submitted.getTime() + item.decidedAfter * 86_400_000).toISOString();
    // A note only version 2 defines; version 1 rows carry one too, which their projection drops.
    if (item.note !== undefined) data.riskNote = item.note;
    const at = values.length;
    values.push(
      APP,
      FORM,
      item.version,
      JSON.stringify(data),
      submitted,
      owner.id,
      item.department,
      item.deleted ? submitted : null,
    );
    tuples.push(
      `(gen_random_uuid(), $${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}::jsonb, $${at + 5}, $${at + 5}, $${at + 6}, $${at + 6}, $${at + 7}, $${at + 8})`,
    );
  }
  await dataSource.query(
    `INSERT INTO record (id, app_key, form_key, form_version, data, created_at, updated_at, created_by, owner_id, department_id, deleted_at)
     VALUES ${tuples.join(', ')}`,
    values,
  );
}

/** The reference: the records of the caller's scope projected for the caller, aggregated in memory. */
async function inMemory(
  dataset: CompiledDataset,
  user: AuthenticatedUser,
  params: Record<string, unknown>,
  now: Date,
  formKey = FORM,
  appKey = APP,
) {
  const audience = { role: rolesIn(user, appKey) };
  const values: unknown[] = [formKey];
  const condition = scopeCondition(await scopeOf(dataSource.manager, user, appKey), user, values);
  const rows = (await dataSource.query(
    `SELECT * FROM record WHERE form_key = $1 AND deleted_at IS NULL AND ${condition}`,
    values,
  )) as (SourceRow & { form_version: number; data: unknown })[];
  const projected: SourceRow[] = [];
  const versions = new Map<number, Awaited<ReturnType<FormsService['load']>>>();
  for (const row of rows) {
    if (!versions.has(row.form_version)) versions.set(row.form_version, await forms.load(formKey, row.form_version));
    const form = versions.get(row.form_version)!;
    projected.push({ ...row, data: form.compiled.project(row.data, audience) });
  }
  return evaluateInMemory(dataset, projected, params, { now });
}

function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b;
}

function expectSameRows(actual: ResultRow[], expected: ResultRow[], context: string): void {
  const same =
    actual.length === expected.length &&
    actual.every((row, index) => {
      const other = expected[index]!;
      return [...new Set([...Object.keys(row), ...Object.keys(other)])].every((key) =>
        close(row[key] ?? null, other[key] ?? null),
      );
    });
  if (!same)
    throw new Error(`${context}\nreport:    ${JSON.stringify(actual)}\nin memory: ${JSON.stringify(expected)}`);
}

const source = { type: 'records', form: FORM } as const;
const datasets: DatasetDefinition[] = [
  {
    key: 'by_status',
    source,
    dimensions: [{ key: 'status', field: 'status' }],
    measures: [
      { key: 'applications', aggregate: 'count' },
      { key: 'amount', aggregate: 'sum', field: 'amount' },
      { key: 'income', aggregate: 'avg', field: 'monthlyIncome' },
    ],
  },
  {
    key: 'by_income_band',
    source,
    filter: { '>=': [{ var: 'employmentYears' }, 2] },
    dimensions: [
      {
        key: 'band',
        field: 'monthlyIncome',
        ranges: [
          { key: 'low', to: 10000 },
          { key: 'high', from: 10000 },
        ],
      },
    ],
    measures: [
      { key: 'applications', aggregate: 'count' },
      { key: 'noted', aggregate: 'count', where: { '!!': [{ var: 'riskNote' }] } },
    ],
  },
  {
    key: 'notes',
    source,
    dimensions: [
      { key: 'note', field: 'riskNote' },
      { key: 'month', field: 'submittedAt', bucket: 'month' },
    ],
    measures: [
      { key: 'applications', aggregate: 'count' },
      { key: 'maxIncome', aggregate: 'max', field: 'monthlyIncome' },
    ],
    sort: [{ by: 'applications', direction: 'desc' }],
    limit: 8,
  },
  {
    key: 'listing',
    source,
    filter: { '==': [{ var: 'product' }, { var: '$params.product' }] },
    parameters: { product: { type: 'string' } },
    columns: [
      { key: 'id', field: '$id' },
      { key: 'version', field: '$formVersion' },
      { key: 'income', field: 'monthlyIncome' },
      { key: 'note', field: 'riskNote' },
      { key: 'amount', field: 'amount' },
    ],
  },
  {
    key: 'collateral',
    source: { type: 'subformRows', form: FORM, path: 'collateral' },
    filter: { '!=': [{ var: '$parent.status' }, 'rejected'] },
    dimensions: [{ key: 'type', field: 'type' }],
    measures: [
      { key: 'items', aggregate: 'count' },
      { key: 'value', aggregate: 'sum', field: 'value' },
      { key: 'income', aggregate: 'sum', field: '$parent.monthlyIncome' },
    ],
  },
  {
    key: 'cycle',
    source,
    filter: { '!!': [{ var: 'decidedAt' }] },
    dimensions: [{ key: 'grade', field: 'creditGrade' }],
    measures: [
      {
        key: 'days',
        aggregate: 'duration',
        from: 'submittedAt',
        to: 'decidedAt',
        unit: 'workingDays',
        statistic: 'avg',
      },
    ],
  },
  // Masked for readers (branch managers, credit and risk officers): these run over projected records.
  {
    key: 'mobiles',
    source,
    dimensions: [{ key: 'mobile', field: 'mobile' }],
    measures: [{ key: 'applications', aggregate: 'count' }],
    sort: [{ by: 'mobile' }],
    limit: 20,
  },
  {
    key: 'distinct_mobiles',
    source,
    measures: [{ key: 'mobiles', aggregate: 'countDistinct', field: 'mobile' }],
  },
];

beforeAll(async () => {
  testApp = await startTestApp({ config: { workerEnabled: false } });
  const server = testApp.app.getHttpServer();
  const admin = await bearerFor(server, 'admin');
  // The loan approval depends on the customer profile.
  for (const template of ['customer-profile', APP])
    await request(server)
      .post('/api/apps/import')
      .set('Authorization', admin)
      .send({ files: templateAsText(template) })
      .expect(201);
  dataSource = testApp.app.get(DataSource);
  reports = testApp.app.get(ReportsService);
  forms = testApp.app.get(FormsService);
  users = await testApp.app.get(UsersService).list(dataSource.manager);
  const first = (await forms.load(FORM)).definition;
  await request(server)
    .post('/api/forms')
    .set('Authorization', admin)
    .send({ appKey: APP, definition: secondVersion(first) })
    .expect(201);
  await insertApplications(fc.sample(application, { numRuns: 400, seed: 20261123 }));
}, 300_000);
afterAll(() => testApp.close());

/** How the service plans a dataset for a user: SQL, memory (masked) or empty. */
async function planOf(dataset: CompiledDataset, user: AuthenticatedUser): Promise<string> {
  const form = await forms.load(FORM);
  const audience = { role: rolesIn(user, APP) };
  const scope = await scopeOf(dataSource.manager, user, APP);
  const plan = (await reports['sqlPlan'](form, dataset, audience, scope, user)) as { kind: string };
  return plan.kind;
}

async function compiled(definition: DatasetDefinition): Promise<CompiledDataset> {
  return compileDataset(definition, { schema: (await forms.load(FORM)).compiled.variableSchema });
}

const readers = [
  'account_manager',
  'account_manager_west',
  'credit_officer',
  'risk_officer',
  'branch_manager',
  'admin',
];

describe('report datasets in SQL under the caller’s permissions', () => {
  it.each(readers)('give %s the rows of the projected in-memory path for every dataset', async (username) => {
    const user = userNamed(username);
    const now = new Date('2026-11-23T12:00:00Z');
    for (const definition of datasets) {
      for (const params of definition.parameters ? [{ product: 'car' }, { product: 'mortgage' }] : [{}]) {
        const dataset = await compiled(definition);
        const preview = await reports.preview({ dataset: definition, params }, user, 'zh-CN');
        expectSameRows(
          preview.rows,
          await inMemory(dataset, user, params, now),
          `${username} ${definition.key} ${JSON.stringify(params)}`,
        );
      }
    }
  });

  it.each(demoUsers.map((user) => user.username))(
    'give %s the rows of the projected in-memory path for the customer insights report',
    async (username) => {
      const user = userNamed(username);
      const { report } = await reports.definition('customer_insights');
      for (const [key, dataset] of Object.entries(report.datasets)) {
        const source = dataset.definition.source;
        if (source.type !== 'records' && source.type !== 'subformRows') continue;
        const run = reports.run('customer_insights', key, {}, user);
        const reference = inMemory(dataset, user, {}, new Date(), source.form, 'customer-profile');
        const [ran, expected] = await Promise.allSettled([run, reference]);
        if (ran.status === 'rejected') {
          // Refused on the report path only for callers who may not read the form at all.
          expect(ran.reason).toMatchObject({ status: 403, code: 'record.formForbidden' });
          continue;
        }
        if (expected.status === 'rejected') throw expected.reason;
        expectSameRows(ran.value.rows, expected.value, `${username} customer_insights.${key}`);
      }
    },
  );

  it.each(demoUsers.map((user) => user.username).filter((username) => !readers.includes(username)))(
    'refuses %s, who may not read loan applications, on either path',
    async (username) => {
      await expect(reports.preview({ dataset: datasets[0]! }, userNamed(username), 'en')).rejects.toMatchObject({
        status: 403,
        code: 'record.formForbidden',
      });
    },
  );

  it('runs in SQL whenever no field read is masked for the caller, and over projected records when one is', async () => {
    const byStatus = await compiled(datasets[0]!);
    const mobiles = await compiled(datasets.find((definition) => definition.key === 'mobiles')!);
    const collateral = await compiled(datasets.find((definition) => definition.key === 'collateral')!);
    for (const username of readers)
      expect([username, await planOf(byStatus, userNamed(username))]).toEqual([username, 'sql']);
    // Writers and exempt roles read the mobile number in clear; readers see it masked.
    expect(await planOf(mobiles, userNamed('account_manager'))).toBe('sql');
    expect(await planOf(mobiles, userNamed('admin'))).toBe('sql');
    for (const username of ['credit_officer', 'risk_officer', 'branch_manager'])
      expect([username, await planOf(mobiles, userNamed(username))]).toEqual([username, 'memory']);
    expect(await planOf(collateral, userNamed('credit_officer'))).toBe('sql');
  });

  it('shows a branch manager no income or note from a version that hides them, in any output', async () => {
    const user = userNamed('branch_manager');
    const listing = datasets.find((definition) => definition.key === 'listing')!;
    for (const product of ['consumer', 'mortgage', 'car']) {
      const { rows } = await reports.preview({ dataset: listing, params: { product } }, user, 'en');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.note).toBeNull();
        if (row.version === 2) expect(row.income).toBeNull();
      }
    }
    const notes = await reports.preview(
      { dataset: datasets.find((definition) => definition.key === 'notes')! },
      user,
      'en',
    );
    expect(notes.rows.map((row) => row.note)).toEqual(notes.rows.map(() => null));
    // Grouping by income band puts the hidden incomes of version 2 with the missing ones, never in a band.
    const [stored] = (await dataSource.query(
      `SELECT count(*)::int AS count FROM record WHERE form_key = $1 AND deleted_at IS NULL AND department_id = $2
         AND form_version = 1 AND (data->>'employmentYears')::int >= 2 AND (data->>'monthlyIncome')::numeric >= 10000`,
      [FORM, user.departmentId],
    )) as { count: number }[];
    const bands = await reports.preview({ dataset: datasets[1]! }, user, 'en');
    expect(bands.rows.find((row) => row.band === 'high')?.applications ?? 0).toBe(stored!.count);
  });

  it('counts collateral values a credit officer may not see as missing, in version 2 only', async () => {
    const user = userNamed('credit_officer');
    const { rows } = await reports.preview(
      {
        dataset: {
          key: 'values',
          source: { type: 'subformRows', form: FORM, path: 'collateral' },
          measures: [
            { key: 'items', aggregate: 'count' },
            { key: 'valued', aggregate: 'count', where: { '!!': [{ var: 'value' }] } },
          ],
        },
      },
      user,
      'en',
    );
    const [stored] = (await dataSource.query(
      `SELECT count(*)::int AS items, count(*) FILTER (WHERE r.form_version = 1)::int AS valued
         FROM record r CROSS JOIN LATERAL jsonb_array_elements(r.data->'collateral') AS item
        WHERE r.form_key = $1 AND r.deleted_at IS NULL AND r.department_id = $2`,
      [FORM, user.departmentId],
    )) as { items: number; valued: number }[];
    expect(rows).toEqual([{ items: stored!.items, valued: stored!.valued }]);
  });
});
