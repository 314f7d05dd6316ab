import { randomUUID } from 'node:crypto';
import { compileForm, type FormDefinition } from '@tessera/forms';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import ExcelJS from 'exceljs';
import { indexPrefix, plannedIndexes } from '../forms/record-indexes';
import { RecordIndexesService } from '../forms/record-indexes.service';
import { bearerFor } from '../test-support/sign-in';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { parseFilter, queryableFields } from './record-query';
import { RecordsService } from './records.service';

const label = (en: string) => ({ 'zh-CN': en, en });
const CITIES = ['shanghai', 'beijing', 'Shenzhen', '杭州', "x' OR '1'='1"];

function probeForm(key: string, extra: FormDefinition['fields'] = []): FormDefinition {
  return {
    key,
    version: 1,
    title: { 'zh-CN': '查询样本', en: 'Query probe' },
    fields: [
      { key: 'name', type: 'text', label: label('Name') },
      {
        key: 'city',
        type: 'select',
        label: label('City'),
        options: CITIES.map((city) => ({ value: city, label: label(city) })),
      },
      { key: 'amount', type: 'money', label: label('Amount') },
      { key: 'score', type: 'integer', label: label('Score') },
      { key: 'applyDate', type: 'date', label: label('Apply date') },
      { key: 'secret', type: 'text', label: label('Secret'), permissions: { roles: { credit_officer: 'hidden' } } },
      {
        key: 'mobile',
        type: 'mobile',
        label: label('Mobile'),
        mask: 'mobile',
        permissions: { roles: { credit_officer: 'read' } },
      },
      ...extra,
    ],
  };
}

interface ProbeData {
  name?: string;
  city?: string;
  amount?: string;
  score?: number;
  applyDate?: string;
  secret?: string;
}

describe('record lists in SQL', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let dataSource: DataSource;
  const bearer: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    dataSource = testApp.app.get(DataSource);
    for (const username of ['admin', 'credit_officer']) bearer[username] = await bearerFor(server, username);
    await request(server)
      .post('/api/forms')
      .set('Authorization', bearer.admin!)
      .send({ appKey: 'loan-approval', definition: probeForm('query_probe') })
      .expect(201);
  });
  afterAll(() => testApp.close());

  async function replaceRecords(formKey: string, rows: { data: ProbeData; createdAt: Date }[]): Promise<string[]> {
    await dataSource.query(`DELETE FROM record WHERE form_key = $1`, [formKey]);
    const ids: string[] = [];
    for (let start = 0; start < rows.length; start += 200) {
      const chunk = rows.slice(start, start + 200);
      const values: unknown[] = [];
      const tuples = chunk.map((row) => {
        const id = randomUUID();
        ids.push(id);
        values.push(id, formKey, JSON.stringify(row.data), row.createdAt.toISOString());
        const at = values.length;
        return `($${at - 3}::uuid, 'loan-approval', $${at - 2}, 1, $${at - 1}::jsonb, $${at}::timestamptz, $${at}::timestamptz, 'admin', 'admin', 'branch-east')`;
      });
      await dataSource.query(
        `INSERT INTO record (id, app_key, form_key, form_version, data, created_at, updated_at, created_by, owner_id, department_id)
         VALUES ${tuples.join(', ')}`,
        values,
      );
    }
    return ids;
  }

  const list = (formKey: string, query: Record<string, string | number>, as = 'admin') =>
    request(server).get(`/api/forms/${formKey}/records`).query(query).set('Authorization', bearer[as]!);

  describe('values that look like SQL are data', () => {
    beforeAll(async () => {
      await replaceRecords('query_probe', [
        {
          data: { name: "O'Brien; DROP TABLE record; --", city: "x' OR '1'='1", amount: '10.00' },
          createdAt: new Date('2026-01-01'),
        },
        { data: { name: '100% sure_thing', city: 'shanghai', amount: '20.00' }, createdAt: new Date('2026-01-02') },
        { data: { name: 'plain', city: 'beijing', amount: '30.00' }, createdAt: new Date('2026-01-03') },
      ]);
    });

    it('in a filter', async () => {
      const injected = await list('query_probe', {
        filter: JSON.stringify({ '==': [{ var: 'city' }, "x' OR '1'='1"] }),
      }).expect(200);
      expect(injected.body.items.map((item: { data: ProbeData }) => item.data.city)).toEqual(["x' OR '1'='1"]);
      const none = await list('query_probe', {
        filter: JSON.stringify({ '==': [{ var: 'name' }, "' OR 1=1 --"] }),
      }).expect(200);
      expect(none.body.total).toBe(0);
    });

    it('in a search, where % and _ match themselves', async () => {
      const percent = await list('query_probe', { q: '%' }).expect(200);
      expect(percent.body.items.map((item: { data: ProbeData }) => item.data.name)).toEqual(['100% sure_thing']);
      const underscore = await list('query_probe', { q: 'e_t' }).expect(200);
      expect(underscore.body.items.map((item: { data: ProbeData }) => item.data.name)).toEqual(['100% sure_thing']);
      const quote = await list('query_probe', { q: "'; DROP TABLE record; --" }).expect(200);
      expect(quote.body.total).toBe(0);
      const semicolon = await list('query_probe', { q: 'record; --' }).expect(200);
      expect(semicolon.body.total).toBe(1);
    });

    it('and a NUL character, which Postgres text cannot hold, is refused with its place', async () => {
      const filter = await list('query_probe', {
        filter: JSON.stringify({ '==': [{ var: 'name' }, 'a\u0000b'] }),
      }).expect(400);
      expect(filter.body.details[0]).toMatchObject({ path: 'filter', code: 'filter.nulCharacter' });
      const search = await list('query_probe', { q: 'a\u0000' }).expect(400);
      // Refused by the request validation, or by the list itself when that lets it through.
      expect(search.body.details[0].path).toMatch(/^(query\.)?q$/);
      expect(search.body.details[0].code).toMatch(/nulCharacter$/);
    });

    it('in a sort, which names a field or is refused', async () => {
      const refused = await list('query_probe', { sort: 'amount;DROP TABLE record' }).expect(400);
      expect(refused.body).toMatchObject({ code: 'record.sortInvalid', details: [{ path: 'sort[0]' }] });
      const quoted = await list('query_probe', { sort: `-"amount"` }).expect(400);
      expect(quoted.body.details[0].path).toBe('sort[0]');
      const [{ count }] = (await dataSource.query(
        `SELECT count(*)::int AS count FROM record WHERE form_key = 'query_probe'`,
      )) as {
        count: number;
      }[];
      expect(count).toBe(3);
    });
  });

  it('refuses a filter on a field hidden from the caller, and on one it sees masked, with the path', async () => {
    const hidden = await list(
      'query_probe',
      { filter: JSON.stringify({ '==': [{ var: 'secret' }, 'x'] }) },
      'credit_officer',
    ).expect(400);
    expect(hidden.body).toMatchObject({
      code: 'record.filterInvalid',
      details: [{ path: 'filter.secret', code: 'filter.fieldNotReadable' }],
    });
    const masked = await list(
      'query_probe',
      { filter: JSON.stringify({ in: [{ var: 'mobile' }, ['13812345678']] }) },
      'credit_officer',
    ).expect(400);
    expect(masked.body.details).toEqual([
      expect.objectContaining({ path: 'filter.mobile', code: 'filter.fieldNotReadable' }),
    ]);
    const sortMasked = await list('query_probe', { sort: 'mobile' }, 'credit_officer').expect(400);
    expect(sortMasked.body.details[0]).toMatchObject({ path: 'sort[0]', code: 'sort.fieldNotSortable' });
    // The same filters are fine for a reader who sees both fields in clear.
    await list('query_probe', { filter: JSON.stringify({ '==': [{ var: 'secret' }, 'x'] }) }).expect(200);
  });

  it('refuses a rule without a SQL form with the path of the operation', async () => {
    const response = await list('query_probe', { filter: JSON.stringify({ map: [{ var: 'name' }, 1] }) }).expect(400);
    expect(response.body.code).toBe('record.filterInvalid');
    expect(response.body.details[0].path).toMatch(/^filter/);
  });

  describe('equal to the in-memory reference on generated data', () => {
    const definition = probeForm('query_probe');
    const compiled = compileForm(definition);
    const queryable = queryableFields([compiled], { role: ['admin'] });

    const record = fc.record(
      {
        name: fc.constantFrom('alpha', 'Alpha', 'beta', '张三', '李四', 'omega 100%', ''),
        city: fc.constantFrom(...CITIES),
        amount: fc.integer({ min: -500, max: 500_000 }).map((cents) => (cents / 100).toFixed(2)),
        score: fc.integer({ min: -3, max: 10 }),
        applyDate: fc.constantFrom('2025-12-31', '2026-01-01', '2026-02-15', '2026-10-01'),
        secret: fc.constantFrom('s1', 's2'),
      },
      { requiredKeys: [] },
    );
    const filters = fc.constantFrom<object | undefined>(
      undefined,
      { '==': [{ var: 'city' }, 'shanghai'] },
      { in: [{ var: 'city' }, ['beijing', '杭州']] },
      { '>': [{ var: 'amount' }, 1000] },
      { '<': [{ var: 'amount' }, 1000] },
      { '>=': [{ var: 'score' }, 3] },
      { '<=': [0, { var: 'score' }] },
      { '==': [{ var: 'score' }, 0] },
      { and: [{ '>=': [{ var: 'applyDate' }, '2026-01-01'] }, { '!=': [{ var: 'city' }, 'beijing'] }] },
      { or: [{ '<': [{ var: 'applyDate' }, '2026-01-01'] }, { '!': [{ var: 'name' }] }] },
      { and: [{ '<': [{ var: 'score' }, 5] }, { in: [{ var: 'score' }, [1, 2, 8]] }] },
      { startsWith: [{ var: 'name' }, 'al'] },
      { 'money>=': [{ var: 'amount' }, '1000.00'] },
      { and: [{ 'money<': ['50.5', { var: 'amount' }] }, { 'money<=': [{ var: 'amount' }, 3000] }] },
    );
    const sorts = fc.constantFrom(
      '',
      'amount',
      '-amount',
      'name',
      '-name',
      'score,-applyDate',
      '-createdAt',
      'city,updatedAt',
    );
    const searches = fc.constantFrom('', 'alpha', 'ALP', '100%', '张', 'shang', '2026-01');

    function reference(
      rows: { id: string; data: ProbeData; createdAt: Date }[],
      filter: object | undefined,
      sort: string,
      q: string,
    ): string[] {
      const parsed = parseFilter(filter ? JSON.stringify(filter) : undefined, compiled, queryable);
      const needle = q.trim().toLowerCase();
      const searched = [...queryable.fields].filter(([, kind]) => kind !== undefined).map(([key]) => key);
      const matching = rows.filter(
        (row) =>
          (!parsed || parsed.test(row.data as Record<string, unknown>)) &&
          (!needle ||
            searched.some((key) => {
              const value = (row.data as Record<string, unknown>)[key];
              return value !== undefined && String(value).toLowerCase().includes(needle);
            })),
      );
      const keys = (sort || '-createdAt').split(',').map((part) => ({
        field: part.replace(/^-/, ''),
        descending: part.startsWith('-'),
      }));
      const valueOf = (row: (typeof rows)[number], field: string): number | string | undefined => {
        if (field === 'createdAt' || field === 'updatedAt') return row.createdAt.getTime();
        const value = (row.data as Record<string, unknown>)[field];
        if (value === undefined) return undefined;
        return queryable.fields.get(field) === 'numeric' ? Number(value) : String(value);
      };
      matching.sort((left, right) => {
        for (const { field, descending } of keys) {
          const a = valueOf(left, field);
          const b = valueOf(right, field);
          if (a === b) continue;
          if (a === undefined) return 1; // missing values last, whichever the direction
          if (b === undefined) return -1;
          const order = a < b ? -1 : 1;
          return descending ? -order : order;
        }
        return left.id < right.id ? -1 : 1;
      });
      return matching.map((row) => row.id);
    }

    it('filters, searches, sorts, counts and pages as the reference does', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(record, fc.integer({ min: 0, max: 5 })), { minLength: 0, maxLength: 40 }),
          fc.array(fc.tuple(filters, sorts, searches, fc.integer({ min: 1, max: 7 })), { minLength: 3, maxLength: 3 }),
          async (generated, queries) => {
            const rows = generated.map(([data, day]) => ({ data, createdAt: new Date(Date.UTC(2026, 0, 1 + day)) }));
            const ids = await replaceRecords('query_probe', rows);
            const stored = rows.map((row, index) => ({ ...row, id: ids[index]! }));
            for (const [filter, sort, q, pageSize] of queries) {
              const expected = reference(stored, filter, sort, q);
              const query: Record<string, string | number> = { pageSize };
              if (filter) query.filter = JSON.stringify(filter);
              if (sort) query.sort = sort;
              if (q) query.q = q;
              const seen: string[] = [];
              for (let page = 1; page <= Math.max(1, Math.ceil(expected.length / pageSize)); page += 1) {
                const response = await list('query_probe', { ...query, page }).expect(200);
                expect(response.body.total).toBe(expected.length);
                seen.push(...response.body.items.map((item: { id: string }) => item.id));
              }
              expect({ filter, sort, q, ids: seen }).toEqual({ filter, sort, q, ids: expected });
            }
          },
        ),
        { numRuns: 25 },
      );
    });
  });

  it('exports XLSX with the caller masks and an audit entry, as CSV does', async () => {
    await replaceRecords('query_probe', [
      { data: { name: 'export me', amount: '1234.50', secret: 'top' }, createdAt: new Date('2026-03-01') },
    ]);
    await dataSource.query(
      `UPDATE record SET data = data || '{"mobile":"13812345678"}' WHERE form_key = 'query_probe'`,
    );
    const response = await request(server)
      .get('/api/forms/query_probe/records/export?format=xlsx')
      .set('Authorization', bearer.credit_officer!)
      .set('Accept-Language', 'en')
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as never);
    const sheet = workbook.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['id', 'Name', 'City', 'Amount', 'Score', 'Apply date', 'Mobile', 'Created at']);
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[1]).toBe('export me');
    expect(row[3]).toBe(1234.5);
    expect(row[6]).toBe('138****5678');
    expect(JSON.stringify(row)).not.toContain('top');
    expect(JSON.stringify(row)).not.toContain('13812345678');
    const audit = await request(server)
      .get('/api/audit?entityType=record:query_probe')
      .set('Authorization', bearer.admin!)
      .expect(200);
    expect(
      audit.body.items.map((entry: { action: string; after: unknown }) => [entry.action, entry.after]),
    ).toContainEqual(['record.export', { format: 'xlsx', count: 1 }]);
  });

  describe('expression indexes from form metadata', () => {
    /** The btree indexes of the form's fields (the trigram search index, where there is one, left out). */
    const indexesOf = async (formKey: string) =>
      (await allIndexesOf(formKey)).filter((index) => !index.name.includes('_search_'));
    const allIndexesOf = async (formKey: string) =>
      (
        (await dataSource.query(
          `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'record' AND schemaname = current_schema()
             AND starts_with(indexname, $1) ORDER BY indexname`,
          [indexPrefix(formKey)],
        )) as { indexname: string; indexdef: string }[]
      ).map((row) => ({ name: row.indexname, definition: row.indexdef }));

    it('are created when a form is saved, for choices, amounts, numbers and dates, partial on the form', async () => {
      const indexes = await indexesOf('query_probe');
      const planned = plannedIndexes(compileForm(probeForm('query_probe')));
      expect(planned.map((index) => index.field)).toEqual(['city', 'amount', 'score', 'applyDate']);
      expect(indexes.map((index) => index.name).sort()).toEqual(planned.map((index) => index.name).sort());
      for (const index of indexes) {
        expect(index.name.length).toBeLessThanOrEqual(63);
        expect(index.definition).toContain("form_key = 'query_probe'");
        expect(index.definition).toContain('deleted_at IS NULL');
      }
      expect(indexes.find((index) => index.name.includes('_amount_'))!.definition).toMatch(/::numeric/);
    });

    it('follow the latest version: a removed field loses its index, a new one gains one; a second sync changes nothing', async () => {
      const definition = probeForm('index_probe');
      await request(server)
        .post('/api/forms')
        .set('Authorization', bearer.admin!)
        .send({ appKey: 'loan-approval', definition })
        .expect(201);
      const first = await indexesOf('index_probe');
      expect(first).toHaveLength(4);
      const next = {
        ...definition,
        fields: [
          ...definition.fields.filter((field) => field.key !== 'score'),
          { key: 'decidedOn', type: 'date', label: label('Decided on') },
        ],
      };
      await request(server)
        .post('/api/forms')
        .set('Authorization', bearer.admin!)
        .send({ appKey: 'loan-approval', definition: next })
        .expect(201);
      const second = await indexesOf('index_probe');
      expect(second.map((index) => index.name).filter((name) => name.includes('_score_'))).toEqual([]);
      expect(second.map((index) => index.name).filter((name) => name.includes('_decidedon_'))).toHaveLength(1);
      expect(second.filter((index) => first.some((before) => before.name === index.name))).toHaveLength(3);
      expect(await testApp.app.get(RecordIndexesService).sync('index_probe')).toEqual({ created: [], dropped: [] });
    });

    it('serve the list query: a selective filter on an indexed field at 50k rows is an index scan', async () => {
      await request(server)
        .post('/api/forms')
        .set('Authorization', bearer.admin!)
        .send({ appKey: 'loan-approval', definition: probeForm('explain_probe') })
        .expect(201);
      await dataSource.query(
        `INSERT INTO record (id, app_key, form_key, form_version, data, created_by, owner_id, department_id, created_at, updated_at)
         SELECT gen_random_uuid(), 'loan-approval', 'explain_probe', 1,
                jsonb_build_object('name', 'n' || i, 'city', CASE WHEN i % 1000 = 0 THEN 'beijing' ELSE 'shanghai' END,
                                   'amount', to_char(i * 3.25, 'FM9999999990.00'), 'score', i % 50,
                                   'applyDate', to_char(date '2026-01-01' + (i % 365), 'YYYY-MM-DD')),
                'admin', 'admin', 'branch-east', now(), now()
           FROM generate_series(1, 50000) AS i`,
      );
      await dataSource.query(`ANALYZE record`);
      const records = testApp.app.get(RecordsService);
      const admin = {
        id: 'admin',
        username: 'admin',
        displayName: 'admin',
        roles: ['admin'],
        appRoles: {},
        departmentId: 'head-office',
      };
      const plans: string[] = [];
      for (const filter of [
        { '==': [{ var: 'city' }, 'beijing'] },
        { '>': [{ var: 'amount' }, 162_000] },
        { 'money>=': [{ var: 'amount' }, '162000.00'] },
        { and: [{ '>=': [{ var: 'applyDate' }, '2026-12-31'] }, { '==': [{ var: 'city' }, 'beijing'] }] },
      ]) {
        const { page } = await records.listQueries(
          'explain_probe',
          { filter: JSON.stringify(filter), sort: '-createdAt', page: 1, pageSize: 20 },
          admin,
        );
        const [row] = (await dataSource.query(`EXPLAIN (FORMAT JSON) ${page.text}`, page.values)) as {
          'QUERY PLAN': unknown;
        }[];
        const plan = JSON.stringify(row!['QUERY PLAN']);
        plans.push(plan);
        expect(plan).toMatch(/"Node Type":"(Bitmap )?Index Scan"/);
        expect(plan).toContain(`"Index Name":"${indexPrefix('explain_probe')}`);
      }
      // A text search uses the form's trigram index where the database has pg_trgm (never on PGlite).
      const trigram = await testApp.app.get(RecordIndexesService).trigramSchema();
      const searchIndex = (await allIndexesOf('explain_probe')).find((index) => index.name.includes('_search_'));
      if (testApp.database.kind === 'pglite') expect(trigram).toBeNull();
      if (trigram === null) {
        expect(searchIndex).toBeUndefined();
      } else {
        expect(searchIndex!.definition).toContain('gin_trgm_ops');
        const searched = await records.listQueries('explain_probe', { q: 'n4242', page: 1, pageSize: 20 }, admin);
        const [row] = (await dataSource.query(
          `EXPLAIN (FORMAT JSON) ${searched.count.text}`,
          searched.count.values,
        )) as {
          'QUERY PLAN': unknown;
        }[];
        expect(JSON.stringify(row!['QUERY PLAN'])).toContain(`"Index Name":"${searchIndex!.name}"`);
        const found = (await dataSource.query(searched.page.text, searched.page.values)) as {
          data: { name: string };
        }[];
        expect(found.map((record) => record.data.name).sort()).toEqual([
          'n4242',
          'n42420',
          'n42421',
          'n42422',
          'n42423',
          'n42424',
          'n42425',
          'n42426',
          'n42427',
          'n42428',
          'n42429',
        ]);
      }
      // A page sorted by an indexed field, largest first, reads the index backwards instead of sorting every row.
      for (const sort of ['-amount', '-applyDate,name']) {
        const sorted = await records.listQueries('explain_probe', { sort, page: 1, pageSize: 20 }, admin);
        const [row] = (await dataSource.query(`EXPLAIN (FORMAT JSON) ${sorted.page.text}`, sorted.page.values)) as {
          'QUERY PLAN': unknown;
        }[];
        const plan = JSON.stringify(row!['QUERY PLAN']);
        expect(plan).toContain('"Node Type":"Index Scan"');
        expect(plan).toContain('"Scan Direction":"Backward"');
        expect(plan).toContain(`"Index Name":"${indexPrefix('explain_probe')}`);
      }
      const { page } = await records.listQueries(
        'explain_probe',
        { filter: JSON.stringify({ '==': [{ var: 'city' }, 'beijing'] }), page: 1, pageSize: 100 },
        admin,
      );
      expect(((await dataSource.query(page.text, page.values)) as unknown[]).length).toBe(50);
    }, 120_000);
  });
});
