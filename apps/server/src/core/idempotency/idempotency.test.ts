import request from 'supertest';
import { startTestApp, type TestApp } from '../../test-support/test-app';
import { bearerFor } from '../../test-support/sign-in';

describe('Idempotency-Key on writes', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let admin: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    server = testApp.app.getHttpServer();
    admin = await bearerFor(server, 'admin');
  });
  afterAll(() => testApp.close());

  const newUser = (username: string) => ({ username, displayName: username, password: 'long-enough-1' });

  it('runs a repeated request once and answers the repeat with the stored response', async () => {
    const first = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'create-clerk-1')
      .send(newUser('clerk'))
      .expect(201);
    const repeat = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'create-clerk-1')
      .send(newUser('clerk'))
      .expect(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    const users = await request(server).get('/api/users').set('Authorization', admin).expect(200);
    expect(users.body.filter((user: { username: string }) => user.username === 'clerk')).toHaveLength(1);
  });

  it('refuses the same key for a different request with 422', async () => {
    await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'create-2')
      .send(newUser('clerk2'))
      .expect(201);
    const reused = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'create-2')
      .send(newUser('clerk3'))
      .expect(422);
    expect(reused.body.code).toBe('idempotency.mismatch');
  });

  it('lets a failed request be retried under the same key', async () => {
    const failed = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'retry-me')
      .send({ ...newUser('clerk4'), departmentId: 'nowhere' })
      .expect(422);
    expect(failed.body.code).toBe('user.departmentUnknown');
    await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'retry-me')
      .send({ ...newUser('clerk4'), departmentId: 'nowhere' })
      .expect(422);
  });

  it('keeps keys apart per caller', async () => {
    await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .send({ ...newUser('admin2'), roles: ['admin'] })
      .expect(201);
    const secondAdmin = await bearerFor(server, 'admin2', 'long-enough-1');
    const response = await request(server)
      .post('/api/users')
      .set('Authorization', secondAdmin)
      .set('Idempotency-Key', 'create-clerk-1')
      .send(newUser('clerk6'))
      .expect(201);
    expect(response.body.username).toBe('clerk6');
    expect(response.headers['idempotent-replayed']).toBeUndefined();
  });

  it('refuses a key with characters outside visible ASCII', async () => {
    const response = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .set('Idempotency-Key', 'a b')
      .send(newUser('clerk5'))
      .expect(400);
    expect(response.body.details[0].path).toBe('Idempotency-Key');
  });
});
