import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { bearerFor } from '../test-support/sign-in';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { demoUsers } from './demo-users';

describe('user directory', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;

  beforeAll(async () => {
    testApp = await startTestApp();
    server = testApp.app.getHttpServer();
  });
  afterAll(() => testApp.close());

  it('gives any signed-in user the active users with display names and global roles, and nothing sensitive', async () => {
    const bearer = await bearerFor(server, 'credit_officer');
    const response = await request(server).get('/api/users/directory').set('Authorization', bearer).expect(200);
    const people = response.body as Record<string, unknown>[];
    expect(people.map((person) => person.username)).toEqual(expect.arrayContaining(demoUsers.map((demo) => demo.username)));
    expect(people.find((person) => person.username === 'credit_officer')).toEqual({
      id: expect.any(String),
      username: 'credit_officer',
      displayName: '李强（信贷员）',
      roles: ['credit_officer'],
    });
    for (const person of people) {
      expect(Object.keys(person).sort()).toEqual(['displayName', 'id', 'roles', 'username']);
    }
    const raw = JSON.stringify(response.body);
    for (const sensitive of ['password', 'hash', 'department', 'email', 'phone', 'appRoles', 'scrypt', 'argon']) {
      expect([sensitive, raw.toLowerCase().includes(sensitive)]).toEqual([sensitive, false]);
    }
  });

  it('leaves out deactivated users', async () => {
    const admin = await bearerFor(server, 'admin');
    const created = await request(server)
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: 'leaver', displayName: '离职员工', password: 'leaver-password', roles: ['credit_officer'] })
      .expect(201);
    const listed = async (): Promise<string[]> =>
      (
        (await request(server).get('/api/users/directory').set('Authorization', admin).expect(200)).body as {
          username: string;
        }[]
      ).map((person) => person.username);
    expect(await listed()).toContain('leaver');
    const dataSource = testApp.app.get<DataSource>(getDataSourceToken());
    await dataSource.query(`UPDATE app_user SET active = false WHERE id = $1`, [created.body.id]);
    expect(await listed()).not.toContain('leaver');
  });

  it('keeps the full user list for administrators and the directory for signed-in users only', async () => {
    const officer = await bearerFor(server, 'credit_officer');
    const refused = await request(server).get('/api/users').set('Authorization', officer).expect(403);
    expect(refused.body.code).toEqual(expect.any(String));
    const anonymous = await request(server).get('/api/users/directory').expect(401);
    expect(anonymous.body.code).toBe('auth.required');
  });

  it('documents the directory in the OpenAPI description', async () => {
    const response = await request(server).get('/api/docs/openapi.json').expect(200);
    const operation = response.body.paths['/api/users/directory']?.get;
    expect(operation).toBeDefined();
    expect(operation.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/DirectoryUserDto' },
    });
    expect(Object.keys(response.body.components.schemas.DirectoryUserDto.properties).sort()).toEqual([
      'displayName',
      'id',
      'roles',
      'username',
    ]);
  });
});
