import fc from 'fast-check';
import request from 'supertest';
import { loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import { type BadInputApp, cooling, expectPath, expectRefusal, runs, startBadInputApp } from './harness';

type FieldType = 'string' | 'object' | 'array' | 'int';

interface Endpoint {
  name: string;
  path: (app: BadInputApp) => string;
  as?: string;
  valid: () => Record<string, unknown>;
  /** Declared fields with their type; required ones must be present in `valid`. */
  fields: Record<string, { type: FieldType; optional?: boolean }>;
}

const endpoints: Endpoint[] = [
  {
    name: 'sign-in',
    path: () => '/api/auth/login',
    valid: () => ({ username: 'nobody', password: 'wrong-password' }),
    fields: { username: { type: 'string' }, password: { type: 'string' } },
  },
  {
    name: 'save a form',
    path: () => '/api/forms',
    as: 'admin',
    valid: () => ({ appKey: 'loan-approval', definition: loanApplicationDefinition() }),
    fields: { appKey: { type: 'string' }, definition: { type: 'object' } },
  },
  {
    name: 'create a record',
    path: () => '/api/forms/loan_application/records',
    as: 'account_manager',
    valid: () => ({ data: loanApplicationData(7) }),
    fields: { data: { type: 'object' } },
  },
  {
    name: 'start an instance',
    path: () => '/api/processes/cooling_off/instances',
    as: 'account_manager',
    valid: () => ({ businessKey: 'generated', variables: { amount: 1 } }),
    fields: { businessKey: { type: 'string', optional: true }, variables: { type: 'object', optional: true } },
  },
  {
    name: 'complete a task',
    path: (app) => `/api/tasks/${app.taskId}/complete`,
    as: 'credit_officer',
    valid: () => ({ data: { approved: true }, comment: 'ok' }),
    fields: { data: { type: 'object', optional: true }, comment: { type: 'string', optional: true } },
  },
  {
    name: 'create a user',
    path: () => '/api/users',
    as: 'admin',
    valid: () => ({ username: 'new_user', displayName: '新用户', password: 'a-long-password', roles: ['viewer'] }),
    fields: {
      username: { type: 'string' },
      displayName: { type: 'string' },
      password: { type: 'string' },
      departmentId: { type: 'string', optional: true },
      roles: { type: 'array', optional: true },
      appRoles: { type: 'object', optional: true },
    },
  },
];

/** Any JSON value that is not of `type` (null only where the field is required). */
function wrongValue(type: FieldType, optional: boolean): fc.Arbitrary<unknown> {
  const candidates: fc.Arbitrary<unknown>[] = [
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 4 }),
    fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), fc.integer(), { maxKeys: 3 }),
    fc.string({ maxLength: 20 }),
  ];
  if (!optional) candidates.push(fc.constant(null));
  return fc.oneof(...candidates).filter((value) => {
    if (value === null) return true;
    if (type === 'string') return typeof value !== 'string';
    if (type === 'object') return typeof value !== 'object' || Array.isArray(value);
    if (type === 'array') return !Array.isArray(value);
    return !Number.isInteger(value);
  });
}

const endpointArb = fc.constantFrom(...endpoints);

describe('bad request bodies against the real app', () => {
  let app: BadInputApp;

  beforeAll(async () => {
    app = await startBadInputApp();
  });
  afterAll(() => app?.close());

  const post = (endpoint: Endpoint) => {
    const call = request(app.server).post(endpoint.path(app)).set('Accept-Language', 'en');
    return endpoint.as ? call.set('Authorization', app.bearer[endpoint.as]!) : call;
  };

  it('answers malformed JSON with 400 request.malformed and changes nothing', async () => {
    const before = await app.snapshot();
    const malformed = fc
      .tuple(endpointArb, fc.nat(), fc.oneof(fc.constant(''), fc.string({ maxLength: 3 }), fc.constantFrom('{', '}', ',', '"', ':', '\\', '\u0000', 'NaN', "'")))
      .map(([endpoint, cut, noise]) => {
        const json = JSON.stringify(endpoint.valid());
        const at = cut % json.length;
        return { endpoint, body: json.slice(0, at) + noise + json.slice(at + (cut % 3)) };
      })
      .filter(({ body }) => {
        try {
          JSON.parse(body);
          return false;
        } catch {
          return true;
        }
      });
    await fc.assert(
      fc.asyncProperty(malformed, async ({ endpoint, body }) => {
        const response = await post(endpoint).set('Content-Type', 'application/json').send(body);
        const refusal = expectRefusal(response, `${endpoint.name} ${JSON.stringify(body).slice(0, 80)}`, [400]);
        expect(refusal.code).toBe('request.malformed');
      }),
      runs(120),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('answers JSON that is not an object (arrays, scalars, null) with 400', async () => {
    const before = await app.snapshot();
    const notObject = fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
    await fc.assert(
      fc.asyncProperty(endpointArb, notObject, async (endpoint, value) => {
        const response = await post(endpoint).set('Content-Type', 'application/json').send(JSON.stringify(value));
        expectRefusal(response, `${endpoint.name} ${JSON.stringify(value).slice(0, 80)}`, [400]);
      }),
      runs(60),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses a wrong type at every DTO field with 400 naming the field', async () => {
    const before = await app.snapshot();
    const cases = endpointArb.chain((endpoint) =>
      fc.constantFrom(...Object.keys(endpoint.fields)).chain((field) => {
        const spec = endpoint.fields[field]!;
        return wrongValue(spec.type, spec.optional ?? false).map((value) => ({ endpoint, field, value }));
      }),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ endpoint, field, value }) => {
        const response = await post(endpoint).send({ ...endpoint.valid(), [field]: value });
        const refusal = expectRefusal(response, `${endpoint.name}.${field} = ${JSON.stringify(value)}`, [400]);
        expectPath(refusal, field, `${endpoint.name}.${field}`);
      }),
      runs(150),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses unknown fields with 400 naming each of them', async () => {
    const before = await app.snapshot();
    const unknownKey = fc
      .oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('constructor', 'toString', 'isAdmin', 'roles[]', '$where'))
      .filter((key) => !endpoints.some((endpoint) => key in endpoint.fields) && key.trim() === key && key !== '__proto__');
    await fc.assert(
      fc.asyncProperty(endpointArb, unknownKey, fc.jsonValue({ maxDepth: 2 }), async (endpoint, key, value) => {
        const response = await post(endpoint)
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ ...endpoint.valid(), [key]: value }));
        const refusal = expectRefusal(response, `${endpoint.name} + ${JSON.stringify(key)}`, [400]);
        expectPath(refusal, key, `${endpoint.name} + ${key}`);
      }),
      runs(100),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('refuses a body sent as another content type, never storing it', async () => {
    const before = await app.snapshot();
    const contentType = fc.constantFrom(
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/octet-stream',
      'image/png',
      'multipart/form-data; boundary=tessera',
      'application/json; charset=latin1',
      'application/xml',
    );
    await fc.assert(
      fc.asyncProperty(endpointArb, contentType, async (endpoint, type) => {
        const response = await post(endpoint).set('Content-Type', type).send(JSON.stringify(endpoint.valid()));
        expectRefusal(response, `${endpoint.name} as ${type}`, [400, 401, 413, 415, 422]);
      }),
      runs(60),
    );
    expect(await app.snapshot()).toEqual(before);
  });

  it('answers a body over the size limit with 413 request.tooLarge, JSON or XML', async () => {
    const before = await app.snapshot();
    const limit = 2 * 1024 * 1024;
    await fc.assert(
      fc.asyncProperty(endpointArb, fc.integer({ min: 1, max: 512 * 1024 }), fc.boolean(), async (endpoint, extra, xml) => {
        const call = xml
          ? request(app.server)
              .post('/api/processes?appKey=bad-input')
              .set('Authorization', app.bearer.admin!)
              .set('Content-Type', 'application/xml')
              .send(cooling.replace('</bpmn:definitions>', `<!-- ${'x'.repeat(limit + extra)} --></bpmn:definitions>`))
          : post(endpoint).send({ ...endpoint.valid(), padding: 'x'.repeat(limit + extra) });
        const refusal = expectRefusal(await call, `${xml ? 'BPMN' : endpoint.name} + ${extra} bytes`, [413]);
        expect(refusal.code).toBe('request.tooLarge');
      }),
      runs(12),
    );
    expect(await app.snapshot()).toEqual(before);
  });
});
