import request from 'supertest';
import { DataSource } from 'typeorm';
import { FormsService } from './forms.service';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';

const label = (text: string) => ({ 'zh-CN': text, en: text });
const definition = (fields: unknown[]) => ({ key: 'visit', version: 1, title: label('Visit'), fields });

describe('form definitions', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  let admin: string;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    admin = await bearerFor(server, 'admin');
  });
  afterAll(() => testApp.close());

  it('saves each definition as the next version and serves the latest or a named one', async () => {
    const first = await request(server)
      .post('/api/forms')
      .set('Authorization', admin)
      .send({ appKey: 'crm', definition: definition([{ key: 'note', type: 'text', label: label('Note') }]) })
      .expect(201);
    expect(first.body).toMatchObject({ key: 'visit', version: 1, appKey: 'crm' });
    const second = await request(server)
      .post('/api/forms')
      .set('Authorization', admin)
      .send({
        appKey: 'crm',
        definition: definition([
          { key: 'note', type: 'text', label: label('Note') },
          { key: 'visitedOn', type: 'date', label: label('Visited on') },
        ]),
      })
      .expect(201);
    expect(second.body.version).toBe(2);

    const latest = await request(server).get('/api/forms/visit').set('Authorization', admin).expect(200);
    expect(latest.body.definition.fields).toHaveLength(2);
    expect(latest.body.jsonSchema.properties).toHaveProperty('visitedOn');
    const older = await request(server).get('/api/forms/visit?version=1').set('Authorization', admin).expect(200);
    expect(older.body.definition.fields).toHaveLength(1);
    const versions = await request(server).get('/api/forms/visit/versions').set('Authorization', admin).expect(200);
    expect(versions.body.items.map((item: { version: number }) => item.version)).toEqual([1, 2]);
  });

  it('serves the version saved after one that rolled back under the same number, not the rolled-back one', async () => {
    const forms = testApp.app.get(FormsService);
    const dataSource = testApp.app.get(DataSource);
    const planned = (fields: unknown[]) => ({ ...definition(fields), key: 'callback' });
    await expect(
      dataSource.transaction(async (manager) => {
        await forms.save(manager, 'crm', planned([{ key: 'dropped', type: 'text', label: label('Dropped') }]), 'admin');
        // Loaded inside the transaction, so this process has seen (and compiled) the version.
        expect((await forms.load('callback', undefined, manager)).definition.fields[0]!.key).toBe('dropped');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await request(server)
      .post('/api/forms')
      .set('Authorization', admin)
      .send({ appKey: 'crm', definition: planned([{ key: 'kept', type: 'text', label: label('Kept') }]) })
      .expect(201);
    const latest = await request(server).get('/api/forms/callback').set('Authorization', admin).expect(200);
    expect(latest.body.version).toBe(1);
    expect(latest.body.definition.fields.map((field: { key: string }) => field.key)).toEqual(['kept']);
    expect(latest.body.jsonSchema.properties).toHaveProperty('kept');
    expect((await forms.load('callback', 1)).definition.fields[0]!.key).toBe('kept');
  });

  it('hands out a loaded version that no caller can change for the others', async () => {
    const forms = testApp.app.get(FormsService);
    const loaded = await forms.load('visit');
    expect(() => (loaded.definition.fields as unknown[]).push({ key: 'added' })).toThrow(TypeError);
    expect((await forms.load('visit')).definition.fields).toHaveLength(2);
  });

  it('refuses a broken definition with 422 listing every problem with its path', async () => {
    const response = await request(server)
      .post('/api/forms')
      .set('Authorization', admin)
      .set('Accept-Language', 'en')
      .send({
        appKey: 'crm',
        definition: definition([
          { key: 'age', type: 'integer' },
          { key: 'kind', type: 'colour', label: label('Kind') },
        ]),
      })
      .expect(422);
    expect(response.body.code).toBe('form.invalid');
    expect(response.body.details.map((detail: { path: string }) => detail.path)).toEqual([
      'fields[0].label',
      'fields[1].type',
    ]);
  });

  it('keeps a form key to the app that created it', async () => {
    const response = await request(server)
      .post('/api/forms')
      .set('Authorization', admin)
      .send({ appKey: 'other', definition: definition([{ key: 'note', type: 'text', label: label('Note') }]) })
      .expect(409);
    expect(response.body.code).toBe('form.keyTaken');
  });

  it('lets only designers and admins save forms, and answers 404 for an unknown form', async () => {
    const manager = await bearerFor(server, 'account_manager');
    await request(server)
      .post('/api/forms')
      .set('Authorization', manager)
      .send({ appKey: 'crm', definition: definition([]) })
      .expect(403);
    const missing = await request(server).get('/api/forms/nothing-here').set('Authorization', manager).expect(404);
    expect(missing.body.code).toBe('form.notFound');
  });
});
