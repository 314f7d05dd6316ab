import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Jobs1763900400000 implements MigrationInterface {
  name = 'Jobs1763900400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE job (
        id uuid PRIMARY KEY,
        kind text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        instance_id uuid,
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'incident', 'cancelled')),
        attempts int NOT NULL DEFAULT 0,
        max_attempts int NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz,
        completed_by text
      )`);
    await queryRunner.query(`CREATE INDEX job_due ON job (due_at) WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX job_instance ON job (instance_id) WHERE instance_id IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX job_incident ON job (created_at) WHERE status = 'incident'`);
    await queryRunner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        user_id text NOT NULL,
        title jsonb NOT NULL,
        body jsonb,
        link text,
        job_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX notification_user ON notification (user_id, created_at DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notification`);
    await queryRunner.query(`DROP TABLE job`);
  }
}
