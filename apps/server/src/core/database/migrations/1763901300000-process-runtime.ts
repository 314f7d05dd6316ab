import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the process runtime needed beyond the first schema: escalation on tasks, parent/child links
 * of call activities, external jobs that workers outside Tessera fetch and lock, and an index for
 * reading the customer outbox.
 */
export class ProcessRuntime1763901300000 implements MigrationInterface {
  name = 'ProcessRuntime1763901300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE task ADD COLUMN escalated boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE task ADD COLUMN escalated_at timestamptz`);
    await queryRunner.query(`ALTER TABLE task ADD COLUMN escalated_to text`);
    await queryRunner.query(`CREATE INDEX task_open_escalated ON task (escalated_at) WHERE status = 'open' AND escalated`);
    await queryRunner.query(`ALTER TABLE process_instance ADD COLUMN parent_instance_id uuid REFERENCES process_instance (id)`);
    await queryRunner.query(`ALTER TABLE process_instance ADD COLUMN parent_call_id text`);
    await queryRunner.query(
      `CREATE INDEX process_instance_parent ON process_instance (parent_instance_id) WHERE parent_instance_id IS NOT NULL`,
    );
    // A service task whose job type no built-in connector handles waits here for an outside worker.
    await queryRunner.query(`
      CREATE TABLE external_job (
        id uuid PRIMARY KEY,
        engine_job_id text NOT NULL,
        instance_id uuid NOT NULL REFERENCES process_instance (id),
        app_key text NOT NULL,
        process_key text NOT NULL,
        element_id text NOT NULL,
        job_type text NOT NULL,
        variables jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'completed', 'incident', 'cancelled')),
        worker_id text,
        locked_until timestamptz,
        retries int,
        retry_at timestamptz,
        error_message text,
        created_at timestamptz NOT NULL,
        completed_at timestamptz,
        version int NOT NULL DEFAULT 1
      )`);
    await queryRunner.query(`CREATE INDEX external_job_open ON external_job (job_type, created_at) WHERE status = 'open'`);
    await queryRunner.query(`CREATE INDEX external_job_instance ON external_job (instance_id)`);
    await queryRunner.query(`CREATE INDEX outbox_message_recipient ON outbox_message (recipient, created_at)`);
    await queryRunner.query(`CREATE INDEX outbox_message_instance ON outbox_message (instance_id) WHERE instance_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_message_instance`);
    await queryRunner.query(`DROP INDEX outbox_message_recipient`);
    await queryRunner.query(`DROP TABLE external_job`);
    await queryRunner.query(`DROP INDEX process_instance_parent`);
    await queryRunner.query(`ALTER TABLE process_instance DROP COLUMN parent_call_id`);
    await queryRunner.query(`ALTER TABLE process_instance DROP COLUMN parent_instance_id`);
    await queryRunner.query(`DROP INDEX task_open_escalated`);
    await queryRunner.query(`ALTER TABLE task DROP COLUMN escalated_to`);
    await queryRunner.query(`ALTER TABLE task DROP COLUMN escalated_at`);
    await queryRunner.query(`ALTER TABLE task DROP COLUMN escalated`);
  }
}
