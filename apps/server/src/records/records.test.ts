import { maskValue, resolvePermission, type FieldMask, type FormDefinition } from '@tessera/forms';
import request from 'supertest';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { bearerFor } from '../test-support/sign-in';
import { changedLoanValues, loanApplicationData, loanApplicationDefinition } from '../test-support/loan-application';
import { demoUsers } from '../users/demo-users';

const FORM = 'loan_application';
const base = `/api/forms/${FORM}/records`;

describe('records of the loan application', () => {
  let testApp: TestApp;
  let server: ReturnType<TestApp['app']['getHttpServer']>;
  const bearer: Record<string, string> = {};
  const definition: FormDefinition = loanApplicationDefinition();

  beforeAll(async () => {
    testApp = await startTestApp({ config: { workerEnabled: false } });
    server = testApp.app.getHttpServer();
    for (const user of demoUsers) bearer[user.username] = await bearerFor(server, user.username);
    await request(server)
      .post('/api/forms')
      .set('Authorization', bearer.admin!)
      .send({ appKey: 'loan-approval', definition })
      .expect(201);
  });
  afterAll(() => testApp.close());

  const create = (data: Record<string, unknown>, as = 'account_manager') =>
    request(server).post(base).set('Authorization', bearer[as]!).send({ data });

  it('stores a valid application with its form version and owner, and shows it to its author', async () => {
    const created = await create(loanApplicationData(1)).expect(201);
    expect(created.body).toMatchObject({
      formKey: FORM,
      formVersion: 1,
      version: 1,
      appKey: 'loan-approval',
      departmentId: 'branch-east',
    });
    expect(created.body.data.amount).toBe('200000.00');
    expect(created.body.data.status).toBe('submitted'); // the form's default for a read-only field
    const read = await request(server)
      .get(`${base}/${created.body.id}`)
      .set('Authorization', bearer.account_manager!)
      .expect(200);
    expect(read.body.data).toEqual(created.body.data);
  });

  it('refuses invalid data with 422 listing every problem with its path, in the caller language', async () => {
    const data = { ...loanApplicationData(2), idNumber: '110101198804121230', amount: '5', applicantName: undefined };
    const response = await create(data).set('Accept-Language', 'en').expect(422);
    expect(response.body.code).toBe('record.invalid');
    expect(response.body.message).toBe('The form data is not valid');
    const paths = response.body.details.map((detail: { path: string }) => detail.path);
    expect(paths).toEqual(expect.arrayContaining(['idNumber', 'amount', 'applicantName']));
    const chinese = await create(data).expect(422);
    expect(chinese.body.details.map((detail: { path: string }) => detail.path)).toEqual(paths);
    expect(chinese.body.details[0].message).not.toBe(response.body.details[0].message);
  });

  it('lets no role without write permission create a record', async () => {
    for (const username of ['credit_officer', 'complaint_handler', 'supervisor']) {
      const refused = await create(loanApplicationData(3), username).expect(403);
      expect(refused.body.code).toBe('record.formForbidden');
    }
  });

  it('refuses a write to a read-only field on create, naming the field', async () => {
    const response = await create({ ...loanApplicationData(4), creditScore: 800 }).expect(403);
    expect(response.body).toMatchObject({
      code: 'record.fieldForbidden',
      details: [{ path: 'creditScore', code: 'field.notWritable' }],
    });
  });

  describe('the permission matrix: every demo role × every field', () => {
    let recordId: string;
    let stored: Record<string, unknown>;

    beforeAll(async () => {
      const created = await create(loanApplicationData(5)).expect(201);
      recordId = created.body.id;
      const admin = await request(server).get(`${base}/${recordId}`).set('Authorization', bearer.admin!).expect(200);
      stored = admin.body.data;
    });

    const inScope: Record<string, boolean> = {
      account_manager: true, // its own record
      account_manager_west: false, // another manager's record
      credit_officer: true, // same department
      branch_manager: true, // same department
      risk_officer: true, // all records
      admin: true,
      complaint_handler: false, // the form hides every field from them
      supervisor: false,
    };

    function expectedView(roles: string[]): Record<string, unknown> {
      const view: Record<string, unknown> = {};
      for (const field of definition.fields) {
        if (stored[field.key] === undefined) continue;
        const permission = resolvePermission(field.permissions, definition.permissions, { role: roles });
        if (permission === 'hidden') continue;
        const mask: FieldMask | undefined = typeof field.mask === 'string' ? { preset: field.mask } : field.mask;
        const masked = mask && permission === 'read' && !roles.some((role) => mask.unmaskedRoles?.includes(role));
        view[field.key] = masked ? maskValue(stored[field.key], mask) : stored[field.key];
      }
      return view;
    }

    it.each(demoUsers.map((user) => [user.username, user.roles] as const))(
      '%s reads exactly what the form allows, in a record, a list and an export',
      async (username, roles) => {
        const auth = bearer[username]!;
        const formHidden = definition.fields.every(
          (field) => resolvePermission(field.permissions, definition.permissions, { role: roles }) === 'hidden',
        );
        const read = await request(server).get(`${base}/${recordId}`).set('Authorization', auth);
        const listed = await request(server).get(`${base}?pageSize=200`).set('Authorization', auth);
        const exported = await request(server).get(`${base}/export?format=csv`).set('Authorization', auth);
        if (formHidden) {
          expect([read.status, listed.status, exported.status]).toEqual([403, 403, 403]);
          return;
        }
        if (!inScope[username]) {
          expect(read.status).toBe(404);
          expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(recordId);
          expect(exported.text).not.toContain(recordId);
          return;
        }
        const expected = expectedView(roles);
        expect(read.status).toBe(200);
        expect(read.body.data).toEqual(expected);
        expect(listed.body.items.find((item: { id: string }) => item.id === recordId).data).toEqual(expected);

        const line = exported.text.split('\r\n').find((row) => row.startsWith(recordId))!;
        for (const field of definition.fields) {
          const value = stored[field.key];
          if (typeof value !== 'string' || value.length < 4) continue;
          if (field.key in expected) expect(line).toContain(String(expected[field.key]));
          // A hidden or masked value never appears in the export.
          if (expected[field.key] !== value) expect(line).not.toContain(value);
        }
      },
    );

    it.each(demoUsers.map((user) => [user.username, user.roles] as const))(
      '%s changes exactly the fields the form lets it write',
      async (username, roles) => {
        const auth = bearer[username]!;
        const changes = changedLoanValues();
        for (const field of definition.fields) {
          if (!(field.key in changes)) continue;
          const current = await request(server)
            .get(`${base}/${recordId}`)
            .set('Authorization', bearer.admin!)
            .expect(200);
          const response = await request(server)
            .patch(`${base}/${recordId}`)
            .set('Authorization', auth)
            .send({ version: current.body.version, data: { [field.key]: changes[field.key] } });
          const permission = resolvePermission(field.permissions, definition.permissions, { role: roles });
          const formWritable = definition.fields.some(
            (candidate) =>
              resolvePermission(candidate.permissions, definition.permissions, { role: roles }) === 'write',
          );
          const writable = permission === 'write' && field.readonly !== true;
          if (!formWritable) {
            expect({ field: field.key, status: response.status, code: response.body.code }).toEqual({
              field: field.key,
              status: 403,
              code: 'record.formForbidden',
            });
          } else if (!inScope[username]) {
            expect({ field: field.key, status: response.status }).toEqual({ field: field.key, status: 404 });
          } else if (writable) {
            expect({ field: field.key, status: response.status }).toEqual({ field: field.key, status: 200 });
            const after = await request(server)
              .get(`${base}/${recordId}`)
              .set('Authorization', bearer.admin!)
              .expect(200);
            expect(after.body.data[field.key]).toEqual(changes[field.key]);
            // Put the value back so every role starts from the same record.
            await request(server)
              .patch(`${base}/${recordId}`)
              .set('Authorization', bearer.admin!)
              .send({ version: after.body.version, data: { [field.key]: stored[field.key] } })
              .expect(200);
          } else {
            expect({
              field: field.key,
              status: response.status,
              paths: response.body.details?.map((detail: { path: string }) => detail.path),
            }).toEqual({
              field: field.key,
              status: 403,
              paths: [field.key],
            });
          }
        }
      },
    );
  });

  it('keeps the stored value when a reader sends back the mask it was shown', async () => {
    const contact = {
      key: 'contact_note',
      version: 1,
      title: { 'zh-CN': '联系记录', en: 'Contact note' },
      fields: [
        { key: 'note', type: 'text', label: { 'zh-CN': '备注', en: 'Note' } },
        {
          key: 'mobile',
          type: 'mobile',
          label: { 'zh-CN': '手机', en: 'Mobile' },
          mask: 'mobile',
          permissions: { roles: { credit_officer: 'read' } },
        },
      ],
    };
    await request(server)
      .post('/api/forms')
      .set('Authorization', bearer.admin!)
      .send({ appKey: 'loan-approval', definition: contact })
      .expect(201);
    const mobile = '13812345678';
    const created = await request(server)
      .post('/api/forms/contact_note/records')
      .set('Authorization', bearer.credit_officer!)
      .send({ data: { note: 'first call' } })
      .expect(201);
    const withMobile = await request(server)
      .patch(`/api/forms/contact_note/records/${created.body.id}`)
      .set('Authorization', bearer.admin!)
      .send({ version: 1, data: { mobile } })
      .expect(200);
    expect(withMobile.body.data.mobile).toBe(mobile);

    const shown = await request(server)
      .get(`/api/forms/contact_note/records/${created.body.id}`)
      .set('Authorization', bearer.credit_officer!)
      .expect(200);
    expect(shown.body.data.mobile).toBe('138****5678');
    // The credit officer saves the whole form as shown, with a new note: the mobile stays as stored.
    const saved = await request(server)
      .patch(`/api/forms/contact_note/records/${created.body.id}`)
      .set('Authorization', bearer.credit_officer!)
      .send({ version: 2, data: { ...shown.body.data, note: 'second call' } })
      .expect(200);
    expect(saved.body.data).toEqual({ note: 'second call', mobile: '138****5678' });
    const stored = await request(server)
      .get(`/api/forms/contact_note/records/${created.body.id}`)
      .set('Authorization', bearer.admin!)
      .expect(200);
    expect(stored.body.data).toEqual({ note: 'second call', mobile });

    const changed = await request(server)
      .patch(`/api/forms/contact_note/records/${created.body.id}`)
      .set('Authorization', bearer.credit_officer!)
      .send({ version: 3, data: { mobile: '13900000000' } })
      .expect(403);
    expect(changed.body.details.map((detail: { path: string }) => detail.path)).toEqual(['mobile']);
  });

  it('answers a stale version with 409 and keeps the newer data', async () => {
    const created = await create(loanApplicationData(7)).expect(201);
    await request(server)
      .patch(`${base}/${created.body.id}`)
      .set('Authorization', bearer.account_manager!)
      .send({ version: 1, data: { termMonths: 12 } })
      .expect(200);
    const stale = await request(server)
      .patch(`${base}/${created.body.id}`)
      .set('Authorization', bearer.account_manager!)
      .send({ version: 1, data: { termMonths: 60 } })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'record.versionConflict', details: [{ path: 'version' }] });
    const read = await request(server)
      .get(`${base}/${created.body.id}`)
      .set('Authorization', bearer.account_manager!)
      .expect(200);
    expect(read.body).toMatchObject({ version: 2, data: { termMonths: 12 } });
  });

  it('deletes softly: the record leaves reads and lists but stays in the table and the audit log', async () => {
    const created = await create(loanApplicationData(8)).expect(201);
    await request(server)
      .delete(`${base}/${created.body.id}?version=2`)
      .set('Authorization', bearer.account_manager!)
      .expect(409);
    await request(server)
      .delete(`${base}/${created.body.id}`)
      .set('Authorization', bearer.account_manager!)
      .expect(204);
    await request(server).get(`${base}/${created.body.id}`).set('Authorization', bearer.account_manager!).expect(404);
    const listed = await request(server).get(`${base}?pageSize=200`).set('Authorization', bearer.admin!).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(created.body.id);
    const audit = await request(server)
      .get(`/api/audit?entityType=record:${FORM}&entityId=${created.body.id}`)
      .set('Authorization', bearer.admin!)
      .expect(200);
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'record.create',
      'record.delete',
    ]);
  });

  describe('lists', () => {
    beforeAll(async () => {
      for (const [seed, amount, product] of [
        [20, '150000.00', 'car'],
        [21, '900000.00', 'business'],
        [22, '60000.00', 'car'],
      ] as const) {
        await create({ ...loanApplicationData(seed), amount, product, purpose: `list-test ${product}` }).expect(201);
      }
    });

    it('filter with a rule, sort by a field and page', async () => {
      const filter = encodeURIComponent(
        JSON.stringify({
          and: [{ '==': [{ var: 'product' }, 'car'] }, { startsWith: [{ var: 'purpose' }, 'list-test'] }],
        }),
      );
      const response = await request(server)
        .get(`${base}?filter=${filter}&sort=-amount&page=1&pageSize=1`)
        .set('Authorization', bearer.account_manager!)
        .expect(200);
      expect(response.body).toMatchObject({ total: 2, page: 1, pageSize: 1 });
      expect(response.body.items.map((item: { data: { amount: string } }) => item.data.amount)).toEqual(['150000.00']);
      const second = await request(server)
        .get(`${base}?filter=${filter}&sort=-amount&page=2&pageSize=1`)
        .set('Authorization', bearer.account_manager!)
        .expect(200);
      expect(second.body.items.map((item: { data: { amount: string } }) => item.data.amount)).toEqual(['60000.00']);
    });

    it('search the text the caller sees', async () => {
      const response = await request(server)
        .get(`${base}?q=${encodeURIComponent('list-test business')}`)
        .set('Authorization', bearer.account_manager!)
        .expect(200);
      expect(response.body.total).toBe(1);
    });

    it('refuse a filter on an unknown field and a sort by a field the caller cannot see', async () => {
      const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'salary' }, 1] }));
      const badFilter = await request(server)
        .get(`${base}?filter=${filter}`)
        .set('Authorization', bearer.account_manager!)
        .expect(400);
      expect(badFilter.body.code).toBe('record.filterInvalid');
      expect(badFilter.body.details[0].path).toMatch(/^filter/);
      const notJson = await request(server)
        .get(`${base}?filter=%7Bnope`)
        .set('Authorization', bearer.account_manager!)
        .expect(400);
      expect(notJson.body.details[0]).toMatchObject({ path: 'filter', code: 'filter.json' });
      const badSort = await request(server)
        .get(`${base}?sort=-nonexistent`)
        .set('Authorization', bearer.account_manager!)
        .expect(400);
      expect(badSort.body).toMatchObject({ code: 'record.sortInvalid', details: [{ path: 'sort[0]' }] });
    });

    it('never match a masked value through a search', async () => {
      const created = await create(loanApplicationData(30)).expect(201);
      const idNumber = created.body.data.idNumber as string;
      const asBranchManager = await request(server)
        .get(`${base}?q=${idNumber.slice(6, 14)}`)
        .set('Authorization', bearer.branch_manager!)
        .expect(200);
      expect(asBranchManager.body.items.map((item: { id: string }) => item.id)).not.toContain(created.body.id);
      const asCreditOfficer = await request(server)
        .get(`${base}?q=${idNumber.slice(6, 14)}`)
        .set('Authorization', bearer.credit_officer!)
        .expect(200);
      expect(asCreditOfficer.body.items.map((item: { id: string }) => item.id)).toContain(created.body.id);
    });
  });
});
