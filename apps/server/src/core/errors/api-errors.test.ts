import request from 'supertest';
import { startTestApp, type TestApp } from '../../test-support/test-app';

describe('error responses', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;

  beforeAll(async () => {
    testApp = await startTestApp();
    server = testApp.app.getHttpServer();
  });
  afterAll(() => testApp.close());

  it('answer an unknown endpoint with 404 in the { code, message, details } shape', async () => {
    const response = await request(server).get('/api/no-such-thing').set('Accept-Language', 'en').expect(404);
    expect(response.body).toEqual({ code: 'route.notFound', message: 'No such endpoint', details: [] });
  });

  it('speak Chinese unless the caller prefers English', async () => {
    const response = await request(server).get('/api/no-such-thing').expect(404);
    expect(response.body.message).toBe('没有这个接口');
  });

  it('refuse a body that is not JSON with 400 request.malformed', async () => {
    const response = await request(server)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expect(response.body).toMatchObject({ code: 'request.malformed', details: [] });
  });

  it('refuse a body above the size limit with 413', async () => {
    const response = await request(server)
      .post('/api/auth/login')
      .send({ username: 'x', password: 'y'.repeat(3 * 1024 * 1024) })
      .expect(413);
    expect(response.body.code).toBe('request.tooLarge');
  });

  it('list every invalid property of a request with its path', async () => {
    const response = await request(server)
      .post('/api/auth/login')
      .set('Accept-Language', 'en')
      .send({ username: 42, extra: true })
      .expect(400);
    expect(response.body.code).toBe('request.invalid');
    const paths = response.body.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['username', 'password', 'extra']));
    expect(response.body.details.find((detail: { path: string }) => detail.path === 'extra').code).toBe(
      'validation.whitelistValidation',
    );
  });

  it('send helmet security headers', async () => {
    const response = await request(server).get('/api/health').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
