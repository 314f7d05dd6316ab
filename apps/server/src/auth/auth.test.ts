import { createHmac } from 'node:crypto';
import request from 'supertest';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import type { TesseraConfig } from '../core/config';
import { TESSERA_CONFIG } from '../core/tokens';
import { DEMO_PASSWORD, demoUsers } from '../users/demo-users';
import { MAX_FAILURES_PER_USERNAME } from './login-rate-limit';

describe('auth', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;

  beforeAll(async () => {
    testApp = await startTestApp();
    server = testApp.app.getHttpServer();
  });
  afterAll(() => testApp.close());

  it('signs every demo user in with the documented password and names their role and department', async () => {
    for (const demo of demoUsers) {
      const response = await request(server)
        .post('/api/auth/login')
        .send({ username: demo.username, password: DEMO_PASSWORD })
        .expect(200);
      expect(response.body.user).toMatchObject({
        username: demo.username,
        roles: demo.roles,
        departmentId: demo.departmentId,
      });
      expect(response.body.accessToken).toEqual(expect.any(String));
      expect(response.body.refreshToken).toEqual(expect.any(String));
    }
  });

  it('refuses a wrong password and an unknown user with the same 401', async () => {
    const wrong = await request(server)
      .post('/api/auth/login')
      .send({ username: 'supervisor', password: 'nope-nope' })
      .expect(401);
    const unknown = await request(server)
      .post('/api/auth/login')
      .send({ username: 'nobody', password: 'nope-nope' })
      .expect(401);
    expect(wrong.body.code).toBe('auth.invalidCredentials');
    expect(unknown.body).toEqual(wrong.body);
  });

  it('blocks an account after five failed sign-ins, even with the right password', async () => {
    for (let attempt = 0; attempt < MAX_FAILURES_PER_USERNAME; attempt += 1) {
      await request(server)
        .post('/api/auth/login')
        .send({ username: 'risk_officer', password: 'guess-guess' })
        .expect(401);
    }
    const blocked = await request(server)
      .post('/api/auth/login')
      .send({ username: 'risk_officer', password: DEMO_PASSWORD })
      .expect(429);
    expect(blocked.body.code).toBe('auth.tooManyAttempts');
    expect(blocked.headers['retry-after']).toBe('900');
    // Another account from the same address is not affected.
    await request(server)
      .post('/api/auth/login')
      .send({ username: 'credit_officer', password: DEMO_PASSWORD })
      .expect(200);
  });

  it('answers GET /auth/me for a signed-in user and 401 without a token or with a forged one', async () => {
    const bearer = await bearerFor(server, 'account_manager');
    const me = await request(server).get('/api/auth/me').set('Authorization', bearer).expect(200);
    expect(me.body).toMatchObject({
      username: 'account_manager',
      roles: ['account_manager'],
      departmentId: 'branch-east',
    });
    const missing = await request(server).get('/api/auth/me').expect(401);
    expect(missing.body.code).toBe('auth.required');
    const forged = await request(server).get('/api/auth/me').set('Authorization', `${bearer}x`).expect(401);
    expect(forged.body.code).toBe('auth.tokenInvalid');
  });

  it('refuses an expired token, one signed with another key and ones naming another algorithm', async () => {
    const bearer = await bearerFor(server, 'account_manager');
    const [, payloadPart] = bearer.replace('Bearer ', '').split('.');
    const { sub } = JSON.parse(Buffer.from(payloadPart!, 'base64url').toString('utf8')) as { sub: string };
    const secret = testApp.app.get<TesseraConfig>(TESSERA_CONFIG).jwtSecret;
    const now = Math.floor(Date.now() / 1000);
    const sign = (alg: string, key: string, claims: Record<string, unknown>): string => {
      const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const unsigned = `${part({ alg, typ: 'JWT' })}.${part(claims)}`;
      if (alg === 'none') return `${unsigned}.`;
      const hmac = { HS256: 'sha256', HS512: 'sha512' }[alg]!;
      return `${unsigned}.${createHmac(hmac, key).update(unsigned).digest('base64url')}`;
    };
    const fresh = { sub, typ: 'access', iat: now, exp: now + 300 };
    const me = (token: string) => request(server).get('/api/auth/me').set('Authorization', `Bearer ${token}`);

    // The hand-made token is accepted, so the refusals below are about what each one changes.
    await me(sign('HS256', secret, fresh)).expect(200);
    const expired = await me(sign('HS256', secret, { ...fresh, iat: now - 600, exp: now - 300 })).expect(401);
    expect(expired.body.code).toBe('auth.tokenExpired');
    const otherKey = await me(sign('HS256', `${secret}-not`, fresh)).expect(401);
    expect(otherKey.body.code).toBe('auth.tokenInvalid');
    const otherAlg = await me(sign('HS512', secret, fresh)).expect(401);
    expect(otherAlg.body.code).toBe('auth.tokenInvalid');
    const unsigned = await me(sign('none', secret, fresh)).expect(401);
    expect(unsigned.body.code).toBe('auth.tokenInvalid');
  });

  it('rotates refresh tokens and revokes the whole family when a used one comes back', async () => {
    const login = await request(server)
      .post('/api/auth/login')
      .send({ username: 'branch_manager', password: DEMO_PASSWORD })
      .expect(200);
    const first = login.body.refreshToken as string;
    const rotated = await request(server).post('/api/auth/refresh').send({ refreshToken: first }).expect(200);
    expect(rotated.body.refreshToken).not.toBe(first);
    await request(server).get('/api/auth/me').set('Authorization', `Bearer ${rotated.body.accessToken}`).expect(200);

    const replayed = await request(server).post('/api/auth/refresh').send({ refreshToken: first }).expect(401);
    expect(replayed.body.code).toBe('auth.refreshInvalid');
    // The stolen-token signal also kills the token issued by the rotation.
    await request(server).post('/api/auth/refresh').send({ refreshToken: rotated.body.refreshToken }).expect(401);
  });

  it('lets only an admin create users, and the new user can sign in with the roles given', async () => {
    const manager = await bearerFor(server, 'account_manager');
    const refused = await request(server)
      .post('/api/users')
      .set('Authorization', manager)
      .send({ username: 'teller', displayName: 'Teller', password: 'long-enough-1' })
      .expect(403);
    expect(refused.body.code).toBe('auth.roleRequired');

    const admin = await bearerFor(server, 'admin');
    const created = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        username: 'teller',
        displayName: '柜员',
        password: 'long-enough-1',
        departmentId: 'branch-west',
        appRoles: { 'loan-approval': ['credit_officer'] },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      username: 'teller',
      roles: [],
      appRoles: { 'loan-approval': ['credit_officer'] },
    });

    const teller = await request(server)
      .post('/api/auth/login')
      .send({ username: 'teller', password: 'long-enough-1' })
      .expect(200);
    expect(teller.body.user.departmentId).toBe('branch-west');

    const duplicate = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: 'teller', displayName: 'Again', password: 'long-enough-1' })
      .expect(409);
    expect(duplicate.body.details[0].path).toBe('username');
  });

  it('applies a role change to the very next request of the user', async () => {
    const admin = await bearerFor(server, 'admin');
    const users = await request(server).get('/api/users').set('Authorization', admin).expect(200);
    const supervisor = users.body.find((user: { username: string }) => user.username === 'supervisor');
    const bearer = await bearerFor(server, 'supervisor');
    await request(server).get('/api/audit?limit=1').set('Authorization', bearer).expect(200);

    await request(server)
      .put(`/api/users/${supervisor.id}/roles`)
      .set('Authorization', admin)
      .send({ roles: ['complaint_handler'] })
      .expect(200);
    await request(server).get('/api/audit?limit=1').set('Authorization', bearer).expect(403);
  });

  it('records sign-ins, failures and permission changes in the audit log', async () => {
    const admin = await bearerFor(server, 'admin');
    const entries = await request(server)
      .get('/api/audit?entityType=user&limit=1000')
      .set('Authorization', admin)
      .expect(200);
    const actions = new Set(entries.body.items.map((entry: { action: string }) => entry.action));
    expect(actions).toEqual(new Set(['user.create', 'auth.login', 'auth.login.failed', 'user.roles.set']));
  });
});
