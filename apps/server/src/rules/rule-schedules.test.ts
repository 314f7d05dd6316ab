import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock } from '../core/clock/clock';
import { JobWorker } from '../jobs/job-worker';
import { bearerFor } from '../test-support/sign-in';
import { startTestApp, type TestApp } from '../test-support/test-app';
import { templateAsText } from '../test-support/template-files';
import { RULE_SCHEDULE_JOB, RuleSchedules } from './rule-schedules';

type Server = ReturnType<TestApp['app']['getHttpServer']>;

/** 08:00 in Shanghai on 10 March 2027, an hour before the first birthday tick. */
const START = '2027-03-10T07:00:00+08:00';

interface Customer {
  id: string;
  data: { idNumber: string; accountManager: string; tags?: string[] };
}

async function allCustomers(server: Server, bearer: string): Promise<Customer[]> {
  const customers: Customer[] = [];
  for (let page = 1; ; page += 1) {
    const response = await request(server)
      .get(`/api/forms/customer/records?pageSize=200&page=${page}`)
      .set('Authorization', bearer)
      .expect(200);
    customers.push(...(response.body.items as Customer[]));
    if (page * 200 >= response.body.total) return customers;
  }
}

/** `MM-DD` of the birthday in a resident ID number. */
const birthday = (idNumber: string) => `${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;

describe('cron rules', () => {
  describe('on the database', () => {
    let testApp: TestApp;
    let server: Server;
    let dataSource: DataSource;
    let admin: string;
    const previous = process.env.TESSERA_CLOCK;

    beforeAll(async () => {
      process.env.TESSERA_CLOCK = 'controllable';
      testApp = await startTestApp({ config: { workerEnabled: false } });
      server = testApp.app.getHttpServer();
      dataSource = testApp.app.get(DataSource);
      admin = await bearerFor(server, 'admin');
      await request(server).put('/api/clock').set('Authorization', admin).send({ now: START }).expect(200);
      await request(server)
        .post('/api/apps/import')
        .set('Authorization', admin)
        .send({ files: templateAsText('customer-profile') })
        .expect(201);
    }, 180_000);
    afterAll(async () => {
      if (previous === undefined) delete process.env.TESSERA_CLOCK;
      else process.env.TESSERA_CLOCK = previous;
      await testApp.close();
    });

    it('schedules each cron rule set of an imported app at its next tick, once', async () => {
      const schedules = await dataSource.query(
        `SELECT rule_set, cron, time_zone, next_at FROM rule_schedule ORDER BY rule_set`,
      );
      expect(
        schedules.map((row: { rule_set: string; cron: string; next_at: Date }) => [
          row.rule_set,
          row.cron,
          new Date(row.next_at).toISOString(),
        ]),
      ).toEqual(
        expect.arrayContaining([
          ['birthday_greeting', '0 8 * * *', '2027-03-10T00:00:00.000Z'],
          ['customer_health', '0 6 1 * *', '2027-03-31T22:00:00.000Z'],
        ]),
      );
      // Synchronising again (a restart, a second server) schedules nothing new.
      expect(await dataSource.transaction((manager) => testApp.app.get(RuleSchedules).sync(manager))).toBe(0);
      const pending = await dataSource.query(
        `SELECT payload->>'ruleSet' AS rule_set, count(*)::int AS n FROM job WHERE kind = $1 AND status = 'pending'
         GROUP BY 1 ORDER BY 1`,
        [RULE_SCHEDULE_JOB],
      );
      expect(pending).toEqual(
        schedules.map((row: { rule_set: string }) => ({ rule_set: row.rule_set, n: 1 })),
      );
    });

    it('gives account managers a birthday task three days ahead, once per customer, as the clock passes 08:00 each day', async () => {
      const customers = await allCustomers(server, admin);
      // The ticks of 10–16 March look three days ahead: birthdays on 13–19 March.
      const days = ['03-13', '03-14', '03-15', '03-16', '03-17', '03-18', '03-19'];
      const expected = customers.filter((customer) => days.includes(birthday(customer.data.idNumber)));
      expect(expected.length).toBeGreaterThan(0);

      const advanced = await request(server)
        .post('/api/clock/advance')
        .set('Authorization', admin)
        .send({ by: 'P7D' })
        .expect(201);
      expect(advanced.body.jobsRun).toBe(7);

      const runs = await dataSource.query(
        `SELECT tick, records FROM rule_schedule_run WHERE rule_set = 'birthday_greeting' ORDER BY tick`,
      );
      expect(runs.map((run: { tick: Date }) => new Date(run.tick).toISOString().slice(0, 10))).toEqual([
        '2027-03-10',
        '2027-03-11',
        '2027-03-12',
        '2027-03-13',
        '2027-03-14',
        '2027-03-15',
        '2027-03-16',
      ]);
      expect(runs.every((run: { records: number }) => run.records === customers.length)).toBe(true);

      const tasks = (await dataSource.query(
        `SELECT id, record_id, record_form_key, assignee, candidate_roles, name, due_at, instance_id, process_key
         FROM task WHERE source = 'rule' ORDER BY record_id`,
      )) as {
        id: string;
        record_id: string;
        record_form_key: string;
        assignee: string;
        candidate_roles: string[];
        name: { 'zh-CN': string; en: string };
        due_at: Date;
        instance_id: string | null;
        process_key: string;
      }[];
      expect(tasks.map((task) => task.record_id).sort()).toEqual(expected.map((customer) => customer.id).sort());
      for (const task of tasks) {
        const customer = expected.find((candidate) => candidate.id === task.record_id)!;
        expect(task).toMatchObject({
          record_form_key: 'customer',
          assignee: customer.data.accountManager,
          candidate_roles: ['account_manager'],
          name: { 'zh-CN': '客户生日关怀', en: 'Birthday greeting' },
          instance_id: null,
          process_key: 'rule:birthday_greeting',
        });
        // Due at the end of the birthday, in Shanghai.
        const [month, day] = birthday(customer.data.idNumber).split('-');
        expect(new Date(task.due_at).toISOString()).toBe(`2027-${month}-${day}T15:59:59.999Z`);
      }

      // Every evaluation is kept with its trace: the rule fired for exactly the expected customers.
      const evaluations = await dataSource.query(
        `SELECT record_id, trace FROM rule_evaluation WHERE rule_set = 'birthday_greeting' AND trigger = 'schedule'`,
      );
      expect(evaluations).toHaveLength(customers.length * 7);
      const fired = evaluations.filter((row: { trace: { matched: boolean }[] }) => row.trace[0]!.matched);
      expect(fired.map((row: { record_id: string }) => row.record_id).sort()).toEqual(
        expected.map((customer) => customer.id).sort(),
      );

      const tagged = (await allCustomers(server, admin)).filter((customer) =>
        customer.data.tags?.includes('birthday_month'),
      );
      expect(tagged.map((customer) => customer.id).sort()).toEqual(expected.map((customer) => customer.id).sort());
    }, 180_000);

    it('shows a birthday task in the account manager inbox and lets them complete it', async () => {
      const [task] = (await dataSource.query(
        `SELECT id, assignee, record_id FROM task WHERE source = 'rule' ORDER BY record_id LIMIT 1`,
      )) as { id: string; assignee: string; record_id: string }[];
      const owner = await bearerFor(server, task!.assignee);
      const inbox = await request(server).get('/api/tasks?view=mine').set('Authorization', owner).expect(200);
      expect(inbox.body.items.map((item: { id: string }) => item.id)).toContain(task!.id);
      const detail = await request(server).get(`/api/tasks/${task!.id}`).set('Authorization', owner).expect(200);
      expect(detail.body).toMatchObject({ instanceId: null, record: { id: task!.record_id, formKey: 'customer' } });
      const notifications = await request(server).get('/api/notifications').set('Authorization', owner).expect(200);
      expect(notifications.body.items).toContainEqual(
        expect.objectContaining({ link: `/records/customer/${task!.record_id}` }),
      );

      const other = await bearerFor(server, 'credit_officer');
      await request(server).post(`/api/tasks/${task!.id}/complete`).set('Authorization', other).send({}).expect(403);
      await request(server)
        .post(`/api/tasks/${task!.id}/transfer`)
        .set('Authorization', owner)
        .send({ to: 'account_manager_west' })
        .expect(409);
      const done = await request(server)
        .post(`/api/tasks/${task!.id}/complete`)
        .set('Authorization', owner)
        .send({ data: { called: true }, comment: '已致电祝福' })
        .expect(200);
      expect(done.body).toMatchObject({ status: 'completed', completedBy: task!.assignee });
      await request(server).post(`/api/tasks/${task!.id}/complete`).set('Authorization', owner).send({}).expect(409);
      const finished = await request(server).get('/api/tasks?view=done').set('Authorization', owner).expect(200);
      expect(finished.body.items.map((item: { id: string }) => item.id)).toContain(task!.id);
    }, 180_000);

    it('runs a tick once even when its job is there twice', async () => {
      const [done] = await dataSource.query(
        `SELECT payload FROM job WHERE kind = $1 AND status = 'done' ORDER BY due_at LIMIT 1`,
        [RULE_SCHEDULE_JOB],
      );
      const before = await dataSource.query(`SELECT count(*)::int AS n FROM task WHERE source = 'rule'`);
      await dataSource.query(
        `INSERT INTO job (id, kind, payload, due_at, max_attempts) VALUES (gen_random_uuid(), $1, $2, $3, 5)`,
        [RULE_SCHEDULE_JOB, JSON.stringify(done.payload), new Date(done.payload.tick)],
      );
      const outcome = await testApp.app.get(JobWorker).runDueJobs();
      expect(outcome).toMatchObject({ claimed: 1, done: 1, failed: 0 });
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM task WHERE source = 'rule'`)).toEqual(before);
      const runs = await dataSource.query(
        `SELECT count(*)::int AS n FROM rule_schedule_run WHERE rule_set = 'birthday_greeting'`,
      );
      expect(runs).toEqual([{ n: 7 }]);
      const pending = await dataSource.query(
        `SELECT count(*)::int AS n FROM job WHERE kind = $1 AND status = 'pending' AND payload->>'ruleSet' = 'birthday_greeting'`,
        [RULE_SCHEDULE_JOB],
      );
      expect(pending).toEqual([{ n: 1 }]);
    });
  });

  // Two processes sharing a queue only exist on Postgres; the embedded database has one process.
  if (process.env.DATABASE_URL) {
    describe('two server processes on one Postgres', () => {
      const previous = process.env.TESSERA_CLOCK;
      afterAll(() => {
        if (previous === undefined) delete process.env.TESSERA_CLOCK;
        else process.env.TESSERA_CLOCK = previous;
      });

      it('run each tick once between them', async () => {
        process.env.TESSERA_CLOCK = 'controllable';
        const first = await startTestApp({ config: { workerEnabled: false } });
        try {
          const server = first.app.getHttpServer();
          const admin = await bearerFor(server, 'admin');
          await request(server).put('/api/clock').set('Authorization', admin).send({ now: START }).expect(200);
          await request(server)
            .post('/api/apps/import')
            .set('Authorization', admin)
            .send({ files: templateAsText('customer-profile') })
            .expect(201);
          const second = await startTestApp({ database: first.database, config: { workerEnabled: false } });
          try {
            const dataSource = first.app.get(DataSource);
            // Both synchronise at the same moment, as two servers starting together would.
            second.app.get(Clock).travelTo(new Date(START));
            await dataSource.query(`DELETE FROM job WHERE kind = $1`, [RULE_SCHEDULE_JOB]);
            await dataSource.query(`DELETE FROM rule_schedule`);
            const scheduled = await Promise.all(
              [first, second].map((app) =>
                app.app.get(DataSource).transaction((manager) => app.app.get(RuleSchedules).sync(manager)),
              ),
            );
            const schedules = await dataSource.query(`SELECT count(*)::int AS n FROM rule_schedule`);
            expect(scheduled[0]! + scheduled[1]!).toBe(schedules[0].n);

            const target = new Date('2027-03-13T09:00:00+08:00');
            for (const app of [first, second]) app.app.get(Clock).advanceTo(target);
            const workers = [first.app.get(JobWorker), second.app.get(JobWorker)];
            for (;;) {
              const outcomes = await Promise.all(workers.map((worker) => worker.runDueJobs(1)));
              if (outcomes.every((outcome) => outcome.claimed === 0)) break;
            }
            const runs = await dataSource.query(
              `SELECT to_char(tick AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM rule_schedule_run
               WHERE rule_set = 'birthday_greeting' GROUP BY 1 ORDER BY 1`,
            );
            expect(runs).toEqual([
              { day: '2027-03-10', n: 1 },
              { day: '2027-03-11', n: 1 },
              { day: '2027-03-12', n: 1 },
              { day: '2027-03-13', n: 1 },
            ]);
            const byWorker = await dataSource.query(
              `SELECT count(DISTINCT completed_by)::int AS workers FROM job WHERE kind = $1 AND status = 'done'`,
              [RULE_SCHEDULE_JOB],
            );
            expect(byWorker[0].workers).toBeGreaterThanOrEqual(1);
            const duplicates = await dataSource.query(
              `SELECT record_id FROM task WHERE source = 'rule' GROUP BY record_id HAVING count(*) > 1`,
            );
            expect(duplicates).toEqual([]);
          } finally {
            await second.close({ keepDatabase: true });
          }
        } finally {
          await first.close();
        }
      }, 240_000);
    });
  }
});
