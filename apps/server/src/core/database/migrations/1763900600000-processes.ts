import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Processes1763900600000 implements MigrationInterface {
  name = 'Processes1763900600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // resources: the decision tables and rule sets the BPMN refers to, compiled with it.
    await queryRunner.query(`
      CREATE TABLE process_definition (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        process_key text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        name text,
        xml text NOT NULL,
        resources jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        UNIQUE (process_key, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE process_instance (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        process_key text NOT NULL,
        process_version int NOT NULL,
        business_key text,
        status text NOT NULL CHECK (status IN ('active', 'completed', 'terminated', 'incident')),
        outcome text,
        state jsonb NOT NULL,
        variables jsonb NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        started_by text,
        version int NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX process_instance_key ON process_instance (process_key, started_at DESC)`);
    await queryRunner.query(`CREATE INDEX process_instance_business_key ON process_instance (business_key)`);
    await queryRunner.query(`
      CREATE TABLE task (
        id uuid PRIMARY KEY,
        engine_task_id text NOT NULL UNIQUE,
        instance_id uuid NOT NULL REFERENCES process_instance (id),
        app_key text NOT NULL,
        process_key text NOT NULL,
        element_id text NOT NULL,
        name jsonb NOT NULL,
        form_key text,
        assignee text,
        owner text,
        candidate_roles text[] NOT NULL DEFAULT '{}',
        candidate_users text[] NOT NULL DEFAULT '{}',
        priority int NOT NULL DEFAULT 50,
        status text NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
        created_at timestamptz NOT NULL,
        due_at timestamptz,
        claimed_at timestamptz,
        completed_at timestamptz,
        completed_by text,
        outcome text,
        data jsonb
      )`);
    await queryRunner.query(`CREATE INDEX task_open_assignee ON task (assignee) WHERE status = 'open'`);
    await queryRunner.query(
      `CREATE INDEX task_open_unassigned ON task (created_at) WHERE status = 'open' AND assignee IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX task_instance ON task (instance_id)`);
    await queryRunner.query(`
      CREATE TABLE process_history (
        id bigserial PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance (id),
        at timestamptz NOT NULL,
        kind text NOT NULL,
        element_id text,
        task_id text,
        actor text,
        event jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX process_history_instance ON process_history (instance_id, id)`);
    await queryRunner.query(`
      CREATE TABLE message_subscription (
        id text PRIMARY KEY,
        instance_id uuid NOT NULL REFERENCES process_instance (id),
        name text NOT NULL,
        correlation_key text,
        element_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX message_subscription_name ON message_subscription (name, correlation_key)`);
    // Messages to people outside Tessera (SMS, e-mail), picked up by a delivery adapter.
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        channel text NOT NULL,
        recipient text,
        template text,
        payload jsonb NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        instance_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'outbox_message',
      'message_subscription',
      'process_history',
      'task',
      'process_instance',
      'process_definition',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
