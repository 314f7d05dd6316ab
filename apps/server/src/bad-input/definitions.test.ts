import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import { type BadInputApp, cooling, expectPath, expectRefusal, runs, startBadInputApp } from './harness';

/** Flow elements of the cooling-off process and the tags they use. */
const elements = [
  { id: 'start', tag: 'bpmn:startEvent' },
  { id: 'approve', tag: 'bpmn:userTask' },
  { id: 'wait', tag: 'bpmn:intermediateCatchEvent' },
  { id: 'end', tag: 'bpmn:endEvent' },
];
const flows = ['to_approve', 'to_wait', 'to_end'];
/** Positions just after a tag closes, where inserted markup is never inside an attribute value. */
const tagEnds = [...cooling.matchAll(/>/g)].map((match) => match.index + 1).filter((at) => at > cooling.indexOf('<bpmn:definitions'));
/** Offsets inside attribute values of the start tags (opening quote excluded, closing quote included). */
const insideValues = [...cooling.matchAll(/<[A-Za-z][^<>]*>/g)].flatMap((tag) =>
  [...tag[0].matchAll(/\s[\w:.-]+="([^"]*)"/g)].flatMap((attribute) => {
    const valueStart = tag.index + attribute.index + attribute[0].length - attribute[1]!.length - 1;
    return Array.from({ length: attribute[1]!.length + 1 }, (_, offset) => valueStart + offset);
  }),
);
/** `line:column` of an offset, as a refusal names where XML stops being well-formed. */
const lineColumn = (text: string, at: number) => {
  const lines = text.slice(0, at).split('\n');
  return `${lines.length}:${[...lines[lines.length - 1]!].length + 1}`;
};
const unsupported = ['bpmn:complexGateway', 'bpmn:transaction', 'bpmn:adHocSubProcess', 'bpmn:choreographyTask', 'bpmn:implicitThrowEvent'];

/** Mutations of a valid process that each make it invalid, with the element (or place) and code a refusal should name. */
const invalidBpmn: fc.Arbitrary<{ what: string; xml: string; names?: string; code?: string }> = fc.oneof(
  // Truncated anywhere before the closing root tag: never well-formed.
  fc.integer({ min: 0, max: cooling.length - 25 }).map((at) => ({ what: `truncated at ${at}`, xml: cooling.slice(0, at) })),
  // An element loses its id: the flows pointing at it dangle.
  fc.constantFrom(...elements).map(({ id }) => ({ what: `no id on ${id}`, xml: cooling.replace(` id="${id}"`, ''), names: id })),
  // An element of a kind Tessera does not run.
  fc.tuple(fc.constantFrom(...elements.slice(1, 3)), fc.constantFrom(...unsupported)).map(([{ id, tag }, replacement]) => ({
    what: `${id} as ${replacement}`,
    xml: cooling.replace(`<${tag} id="${id}"`, `<${replacement} id="${id}"`).replace(`</${tag}>`, `</${replacement}>`),
    names: id,
  })),
  // A sequence flow to or from an element that does not exist.
  fc
    .tuple(fc.constantFrom(...flows), fc.constantFrom('sourceRef', 'targetRef'), fc.stringMatching(/^[a-z]{3,10}$/))
    .filter(([, , ghost]) => !elements.some(({ id }) => id === ghost) && !flows.includes(ghost))
    .map(([flow, attribute, ghost]) => ({
      what: `${flow}.${attribute} -> ${ghost}`,
      xml: cooling.replace(new RegExp(`(id="${flow}" [^>]*${attribute}=")[^"]*"`), `$1${ghost}"`),
      names: flow,
    })),
  // Two elements share an id (the end event takes another's; flows to "end" dangle too).
  fc.constantFrom('approve', 'wait', 'start').map((id) => ({
    what: `duplicate id ${id}`,
    xml: cooling.replace('<bpmn:endEvent id="end"', `<bpmn:endEvent id="${id}"`),
    names: id,
  })),
  // Broken markup between elements.
  fc.tuple(fc.constantFrom(...tagEnds), fc.constantFrom('<', '<<', '</bpmn:process>', '<bpmn:userTask', '<1>')).map(([at, junk]) => ({
    what: `"${junk}" at ${at}`,
    xml: cooling.slice(0, at) + junk + cooling.slice(at),
  })),
  // A raw < or a bare & inside an attribute value: bpmn-moddle would read it, XML does not allow it.
  fc
    .tuple(fc.constantFrom(...insideValues), fc.constantFrom('<', '&'))
    .filter(([at, char]) => char === '<' || !/^(?:lt|gt|amp|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/.test(cooling.slice(at)))
    .map(([at, char]) => ({
      what: `"${char}" inside an attribute value at ${at}`,
      xml: cooling.slice(0, at) + char + cooling.slice(at),
      names: lineColumn(cooling, at),
      code: char === '<' ? 'process.xml.ltInAttribute' : 'process.xml.ampersand',
    })),
);

describe('bad definitions against the real app', () => {
  let app: BadInputApp;

  beforeAll(async () => {
    app = await startBadInputApp();
  });
  afterAll(() => app?.close());

  it('refuses invalid BPMN with a 4xx naming the element, deploying nothing', async () => {
    const before = await app.snapshot();
    const accepted: string[] = [];
    await fc.assert(
      fc.asyncProperty(invalidBpmn, fc.boolean(), async ({ what, xml, names, code }, asJson) => {
        const call = request(app.server)
          .post('/api/processes?appKey=bad-input')
          .set('Authorization', app.bearer.admin!)
          .set('Accept-Language', 'en');
        const response = asJson ? await call.send({ xml }) : await call.set('Content-Type', 'application/xml').send(xml);
        if (response.status === 201) accepted.push(what);
        const refusal = expectRefusal(response, what, [400, 422]);
        if (names && refusal.details.length) expectPath(refusal, names, what);
        if (code) {
          // Exactly one problem, at the inserted character, named in the message too.
          const [line, column] = names!.split(':');
          expect([what, refusal.details.map((detail) => ({ path: detail.path, code: detail.code }))]).toEqual([what, [{ path: names, code }]]);
          expect(refusal.details[0]!.message).toContain(`line ${line}, column ${column}`);
        }
      }),
      runs(150),
    );
    expect(accepted).toEqual([]);
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses invalid form definitions with 4xx and the path of what is wrong', async () => {
    const valid = loanApplicationDefinition() as unknown as { fields: Record<string, unknown>[] } & Record<string, unknown>;
    const mutation = fc.oneof(
      fc.tuple(fc.nat(valid.fields.length - 1), fc.stringMatching(/^[a-zA-Z]{1,12}$/)).map(([index, type]) => ({
        what: `fields[${index}].type = ${type}`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) => void (form.fields[index]!.type = `x${type}`),
      })),
      fc.nat(valid.fields.length - 1).map((index) => ({
        what: `fields[${index}] without key`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) => void delete form.fields[index]!.key,
      })),
      fc.tuple(fc.nat(valid.fields.length - 1), fc.oneof(fc.integer(), fc.string(), fc.constant(null))).map(([index, value]) => ({
        what: `fields[${index}].required = ${JSON.stringify(value)}`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) => void (form.fields[index]!.required = value),
      })),
      fc.nat(valid.fields.length - 2).map((index) => ({
        what: `fields[${index + 1}] repeats the key of fields[${index}]`,
        path: 'fields',
        apply: (form: typeof valid) => void (form.fields[index + 1]!.key = form.fields[index]!.key),
      })),
      fc.tuple(fc.nat(valid.fields.length - 1), fc.constantFrom('__proto__', 'constructor', 'prototype', '__proto__.polluted', 'constructor.prototype')).map(([index, variable]) => ({
        what: `fields[${index}].visible reads ${variable}`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) => void (form.fields[index]!.visible = { '==': [{ var: variable }, 1] }),
      })),
      fc.tuple(fc.nat(valid.fields.length - 1), fc.integer({ min: 70, max: 400 })).map(([index, depth]) => ({
        what: `fields[${index}].visible nested ${depth} deep`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) => {
          let rule: unknown = { var: 'amount' };
          for (let level = 0; level < depth; level += 1) rule = { '!': [rule] };
          form.fields[index]!.visible = rule;
        },
      })),
      fc.tuple(fc.nat(valid.fields.length - 1), fc.constantFrom('(?<=a)b', '(a)\\1', '(?=a)b', 'a'.repeat(201), '[')).map(([index, pattern]) => ({
        what: `fields[${index}].visible matches ${pattern}`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) => void (form.fields[index]!.visible = { matches: [{ var: 'applicantName' }, pattern] }),
      })),
      fc.tuple(fc.nat(valid.fields.length - 1), fc.integer({ min: 20_000, max: 60_000 })).map(([index, length]) => ({
        what: `fields[${index}].visible over an array of ${length}`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) =>
          void (form.fields[index]!.visible = { in: [{ var: 'termMonths' }, Array.from({ length }, (_, item) => item)] }),
      })),
      fc.nat(valid.fields.length - 1).map((index) => ({
        what: `fields[${index}].visible with an unknown operation`,
        path: `fields[${index}]`,
        apply: (form: typeof valid) => void (form.fields[index]!.visible = { eval: ['process.exit()'] }),
      })),
    );
    const before = await app.snapshot();
    await fc.assert(
      fc.asyncProperty(mutation, async ({ what, path, apply }) => {
        const definition = structuredClone(valid);
        apply(definition);
        const response = await request(app.server)
          .post('/api/forms')
          .set('Authorization', app.bearer.admin!)
          .set('Accept-Language', 'en')
          .send({ appKey: 'loan-approval', definition });
        const refusal = expectRefusal(response, what, [400, 422]);
        expectPath(refusal, path, what);
      }),
      runs(120),
    );
    expect(await app.snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses hostile record filters (deep nesting, huge arrays, prototype vars, regex bombs) with 400 naming filter', async () => {
    const hostile = fc.oneof(
      fc.integer({ min: 70, max: 1500 }).map((depth) => {
        let rule: unknown = { var: 'amount' };
        for (let level = 0; level < depth; level += 1) rule = { '!': rule };
        return { what: `nested ${depth}`, rule };
      }),
      fc.constantFrom('__proto__', 'constructor', '__proto__.toString', 'constructor.name', 'hasOwnProperty').map((variable) => ({
        what: `var ${variable}`,
        rule: { '==': [{ var: variable }, 'x'] },
      })),
      fc.constantFrom('(?=a)', '\\1', '[', '(?<!a)b', 'a'.repeat(201)).map((pattern) => ({
        what: `matches ${pattern}`,
        rule: { matches: [{ var: 'applicantName' }, pattern] },
      })),
      // Longer than the 10,000 characters a filter may have.
      fc.integer({ min: 2_300, max: 3_000 }).map((length) => ({
        what: `in over ${length} items`,
        rule: { in: [{ var: 'termMonths' }, Array.from({ length }, (_, index) => index)] },
      })),
      fc.constantFrom('eval', 'function', 'constructor', '__proto__', 'then').map((operation) => ({
        what: `operation ${operation}`,
        rule: { [operation]: [1] },
      })),
    );
    const before = await app.snapshot();
    await fc.assert(
      fc.asyncProperty(hostile, async ({ what, rule }) => {
        const response = await request(app.server)
          .get('/api/forms/loan_application/records')
          .query({ filter: JSON.stringify(rule) })
          .set('Authorization', app.bearer.admin!)
          .set('Accept-Language', 'en');
        // Past 16 KB of URL Node itself refuses the request line (431), in the same error shape.
        const refusal = expectRefusal(response, what, [400, 431]);
        expectPath(refusal, response.status === 431 ? 'url' : 'filter', what);
      }),
      runs(80),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('runs catastrophic-backtracking patterns in linear time or refuses them', async () => {
    const hostileName = `${'a'.repeat(40)}!`;
    const created = await request(app.server)
      .post('/api/forms/loan_application/records')
      .set('Authorization', app.bearer.account_manager!)
      .send({ data: { ...loanApplicationData(3), applicantName: hostileName } })
      .expect(201);
    expect(created.body.id).toBeDefined();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('(a+)+$', '(a|aa)*$', '(a|a)*b', '(a*)*$', '^(a+)+b'), async (pattern) => {
        const started = Date.now();
        const response = await request(app.server)
          .get('/api/forms/loan_application/records')
          .query({ filter: JSON.stringify({ matches: [{ var: 'applicantName' }, pattern] }) })
          .set('Authorization', app.bearer.admin!);
        const elapsed = Date.now() - started;
        if (response.status !== 200) expectRefusal(response, `matches ${pattern}`, [400]);
        if (elapsed > 3_000) throw new Error(`matches ${pattern} took ${elapsed} ms`);
      }),
      runs(10),
    );
  });

  it('refuses invalid report definitions and previews with 4xx and the path of what is wrong', async () => {
    type Report = { datasets: Record<string, unknown>[] } & Record<string, unknown>;
    const valid = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../../templates/loan-approval/reports/loan-pipeline.report.json'), 'utf8'),
    ) as Report;
    const set = (apply: (dataset: Record<string, unknown>) => void) => (report: Report) => apply(report.datasets[0]!);
    const mutation = fc.oneof(
      fc.stringMatching(/^[a-z]{2,8}$/).map((aggregate) => ({
        what: `aggregate ${aggregate}x`,
        apply: set((dataset) => void ((dataset.measures as Record<string, unknown>[])[0]!.aggregate = `${aggregate}x`)),
      })),
      fc.stringMatching(/^[a-z_]{3,12}$/).map((form) => ({
        what: `source form ${form}_missing`,
        apply: set((dataset) => void (dataset.source = { type: 'records', form: `${form}_missing` })),
      })),
      fc.constantFrom('__proto__', 'constructor', 'no_such_field', "x'; DROP TABLE record; --").map((field) => ({
        what: `measure over ${field}`,
        apply: set((dataset) => void ((dataset.measures as Record<string, unknown>[])[1]!.field = field)),
      })),
      fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty').map((variable) => ({
        what: `filter reading ${variable}`,
        apply: set((dataset) => void (dataset.filter = { '==': [{ var: variable }, 1] })),
      })),
      fc.constantFrom('fortnight', '', 'year; DROP', 42).map((bucket) => ({
        what: `bucket ${String(bucket)}`,
        apply: set((dataset) => void (dataset.dimensions = [{ key: 'b', field: 'submittedAt', bucket }])),
      })),
      fc.constant({ what: 'no datasets', apply: (report: Report) => void (report.datasets = []) }),
      fc.constant({ what: 'a dataset without key', apply: set((dataset) => void delete dataset.key) }),
      fc.constant({ what: 'two datasets with one key', apply: (report: Report) => void (report.datasets[1]!.key = report.datasets[0]!.key) }),
      fc.constantFrom(null, 7, 'text', []).map((value) => ({ what: `title ${JSON.stringify(value)}`, apply: (report: Report) => void (report.title = value) })),
    );
    const before = await app.snapshot();
    await fc.assert(
      fc.asyncProperty(mutation, fc.boolean(), async ({ what, apply }, preview) => {
        const report = structuredClone(valid);
        apply(report);
        const response = preview
          ? await request(app.server)
              .post('/api/reports/preview')
              .set('Authorization', app.bearer.admin!)
              .set('Accept-Language', 'en')
              .send({ dataset: report.datasets[0] ?? {} })
          : await request(app.server)
              .post('/api/reports')
              .set('Authorization', app.bearer.admin!)
              .set('Accept-Language', 'en')
              .send({ ...report, appKey: 'loan-approval' });
        // A preview sees one dataset only: a mutation of the report around it may leave it valid.
        if (preview && response.status === 200) return;
        const refusal = expectRefusal(response, `${preview ? 'preview' : 'save'}: ${what}`, [400, 422]);
        expect(refusal.details.length).toBeGreaterThan(0);
        expect(refusal.details.every((detail) => detail.path.length > 0 || refusal.details.length === 1)).toBe(true);
      }),
      runs(80),
    );
    expect(await app.snapshot()).toEqual(before);
  });
});
