import fc from 'fast-check';
import request from 'supertest';
import { templateAsText } from '../test-support/template-files';
import { type BadInputApp, expectPath, expectRefusal, runs, startBadInputApp } from './harness';
import { writeZip } from './zip-writer';

const injections = fc.oneof(
  fc.constantFrom(
    "'; DROP TABLE record; --",
    "' OR '1'='1",
    '"; DELETE FROM audit_event; --',
    '$$; DROP TABLE job; $$',
    '$1',
    '\\',
    "\\'; TRUNCATE task; --",
    '%',
    '_',
    '\u0000',
    '𠮷𠮷\u202e',
    "') UNION SELECT password_hash FROM app_user --",
    '1; SELECT pg_sleep(5)',
    '{"$ne":null}',
    '../../etc/passwd',
  ),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

describe('injection strings and hostile templates against the real app', () => {
  let app: BadInputApp;

  beforeAll(async () => {
    app = await startBadInputApp();
  });
  afterAll(() => app?.close());

  it('treats SQL-injection strings in every filter, sort, q and parameter as data: no 5xx, nothing changed', async () => {
    const targets: ((value: string) => string)[] = [
      (value) => `/api/forms/loan_application/records?q=${encodeURIComponent(value)}`,
      (value) => `/api/forms/loan_application/records?sort=${encodeURIComponent(value)}`,
      (value) => `/api/forms/loan_application/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'applicantName' }, value] }))}`,
      (value) => `/api/forms/loan_application/records?filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: value }, 1] }))}`,
      (value) => `/api/forms/loan_application/records?filter=${encodeURIComponent(value)}`,
      (value) => `/api/forms/loan_application/records?page=${encodeURIComponent(value)}&pageSize=${encodeURIComponent(value)}`,
      (value) => `/api/forms/${encodeURIComponent(value)}/records`,
      (value) => `/api/forms/${encodeURIComponent(value)}`,
      (value) => `/api/forms/loan_application/records/${encodeURIComponent(value)}`,
      (value) => `/api/tasks/${encodeURIComponent(value)}`,
      (value) => `/api/tasks?view=${encodeURIComponent(value)}`,
      (value) => `/api/instances/${encodeURIComponent(value)}`,
      (value) => `/api/instances?processKey=${encodeURIComponent(value)}&businessKey=${encodeURIComponent(value)}`,
      (value) => `/api/processes/${encodeURIComponent(value)}`,
      (value) => `/api/apps/${encodeURIComponent(value)}`,
      (value) => `/api/audit?entityType=${encodeURIComponent(value)}&entityId=${encodeURIComponent(value)}`,
    ];
    const before = await app.snapshot();
    await fc.assert(
      fc.asyncProperty(fc.nat(targets.length - 1), injections, async (index, value) => {
        const url = targets[index]!(value);
        const started = Date.now();
        const response = await request(app.server).get(url).set('Authorization', app.bearer.admin!).set('Accept-Language', 'en');
        if (response.status !== 200) expectRefusal(response, `GET ${url}`);
        // pg_sleep must not have run: the text is a value, never SQL.
        expect(Date.now() - started).toBeLessThan(4_000);
      }),
      runs(200),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  const importZip = (zip: Buffer) =>
    request(app.server)
      .post('/api/apps/import')
      .set('Authorization', app.bearer.admin!)
      .set('Accept-Language', 'en')
      .attach('file', zip, { filename: 'template.zip', contentType: 'application/zip' });

  const template = templateAsText('complaint-ticket');
  const templateEntries = () => Object.entries(template).map(([name, content]) => ({ name, data: Buffer.from(content) }));
  const traversal = fc.constantFrom('../evil.json', '../../etc/cron.d/x', '/etc/passwd', '..\\evil.json', 'forms\\..\\..\\evil.json', 'forms/../../evil.json', 'C:\\evil.json', 'forms/./../../x.json', '//server/share/x.json');

  it('refuses template zips with path traversal, naming the entry, importing nothing', async () => {
    const before = await app.snapshot();
    await fc.assert(
      fc.asyncProperty(traversal, async (name) => {
        const zip = writeZip([...templateEntries(), { name, data: Buffer.from('{}') }]);
        const refusal = expectRefusal(await importZip(zip), `zip entry ${name}`, [400, 422]);
        expectPath(refusal, name, `zip entry ${name}`);
      }),
      runs(20),
    );
    await fc.assert(
      fc.asyncProperty(traversal, async (name) => {
        const response = await request(app.server)
          .post('/api/apps/import')
          .set('Authorization', app.bearer.admin!)
          .set('Accept-Language', 'en')
          .send({ files: { ...template, [name]: '{}' } });
        const refusal = expectRefusal(response, `file ${name}`, [400, 422]);
        expectPath(refusal, name, `file ${name}`);
      }),
      runs(20),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses zip bombs (high ratio, lying sizes) and nested zips', async () => {
    const before = await app.snapshot();
    const zeros = Buffer.alloc(12 * 1024 * 1024);
    const bomb = writeZip([...templateEntries(), { name: 'seed/bomb.json', data: zeros }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expectPath(expectRefusal(await importZip(bomb), 'high-ratio entry', [400, 413, 422]), 'seed/bomb.json', 'bomb');

    const liar = writeZip([...templateEntries(), { name: 'seed/liar.json', data: Buffer.alloc(2 * 1024 * 1024, 0x20), declaredSize: 10 }]);
    expectPath(expectRefusal(await importZip(liar), 'entry larger than declared', [400, 413, 422]), 'seed/liar.json', 'liar');

    const inner = writeZip(templateEntries());
    const nested = writeZip([{ name: 'complaint-ticket.zip', data: inner }]);
    expectRefusal(await importZip(nested), 'a zip inside a zip', [400, 422]);

    const doubleNested = writeZip([{ name: 'outer/complaint-ticket.zip', data: nested, method: 0 }]);
    expectRefusal(await importZip(doubleNested), 'a zip inside a zip inside a zip', [400, 422]);

    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 2048 }), async (bytes) => {
        expectRefusal(await importZip(Buffer.from(bytes)), 'random bytes as a zip', [400, 422]);
      }),
      runs(30),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses bad template folders with 4xx naming the file', async () => {
    const form = 'forms/complaint.form.json';
    const process = Object.keys(template).find((name) => name.endsWith('.bpmn'))!;
    const mutation = fc.oneof(
      fc.constant({ what: 'no app.json', path: 'app.json', apply: (files: Record<string, string>) => void delete files['app.json'] }),
      fc.string({ maxLength: 40 }).map((junk) => ({
        what: `app.json is ${JSON.stringify(junk)}`,
        path: 'app.json',
        apply: (files: Record<string, string>) => void (files['app.json'] = `{${junk}`),
      })),
      fc.constant({
        what: 'a form of an unknown field type',
        path: form,
        apply: (files: Record<string, string>) => {
          const definition = JSON.parse(files[form]!) as { fields: { type: string }[] };
          definition.fields[0]!.type = 'hologram';
          files[form] = JSON.stringify(definition);
        },
      }),
      fc.integer({ min: 10, max: 2000 }).map((at) => ({
        what: `process cut at ${at}`,
        path: process,
        apply: (files: Record<string, string>) => void (files[process] = files[process]!.slice(0, at)),
      })),
      fc.constant({
        what: 'the form a process needs is missing',
        path: form.replace('forms/', '').replace('.form.json', ''),
        apply: (files: Record<string, string>) => void delete files[form],
      }),
      fc.constantFrom('forms/x.form.json', 'rules/x.rules.json', 'reports/x.report.json').map((name) => ({
        what: `${name} is not JSON`,
        path: name,
        apply: (files: Record<string, string>) => void (files[name] = '{"key": '),
      })),
    );
    const before = await app.snapshot();
    await fc.assert(
      fc.asyncProperty(mutation, async ({ what, path, apply }) => {
        const files = { ...template };
        apply(files);
        const response = await request(app.server)
          .post('/api/apps/import')
          .set('Authorization', app.bearer.admin!)
          .set('Accept-Language', 'en')
          .send({ files });
        const refusal = expectRefusal(response, what, [400, 422]);
        expectPath(refusal, path, what);
      }),
      runs(40),
    );
    expect(await app.snapshot()).toEqual(before);
  });
});
