import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Versioned report definitions (saved from the report designer or imported with an app), the
 * versions of each installed app and which one is published, the schedules of cron-triggered rule
 * sets with one row per tick that ran (so a tick runs once however many servers share the
 * database), and human tasks that rules create outside any process instance.
 */
export class ReportsSchedulesAppVersions1763901400000 implements MigrationInterface {
  name = 'ReportsSchedulesAppVersions1763901400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_definition (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        report_key text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        UNIQUE (report_key, version)
      )`);
    await queryRunner.query(`
      INSERT INTO report_definition (id, app_key, report_key, version, definition, created_by)
      SELECT gen_random_uuid(), app_key, key, 1, definition, 'migration' FROM app_artifact WHERE kind = 'report'`);

    await queryRunner.query(`
      CREATE TABLE app_version (
        app_key text NOT NULL REFERENCES app (key),
        version text NOT NULL,
        hash text NOT NULL,
        manifest jsonb NOT NULL,
        installed_at timestamptz NOT NULL DEFAULT now(),
        installed_by text NOT NULL,
        published_at timestamptz,
        published_by text,
        PRIMARY KEY (app_key, version)
      )`);
    await queryRunner.query(`
      INSERT INTO app_version (app_key, version, hash, manifest, installed_at, installed_by)
      SELECT key, version, hash, manifest, updated_at, installed_by FROM app`);
    await queryRunner.query(`ALTER TABLE app ADD COLUMN published_version text`);

    await queryRunner.query(`
      CREATE TABLE rule_schedule (
        rule_set text NOT NULL,
        trigger_index int NOT NULL,
        app_key text NOT NULL,
        form_key text NOT NULL,
        cron text NOT NULL,
        time_zone text NOT NULL,
        next_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rule_set, trigger_index)
      )`);
    await queryRunner.query(`
      CREATE TABLE rule_schedule_run (
        rule_set text NOT NULL,
        trigger_index int NOT NULL,
        tick timestamptz NOT NULL,
        cron text NOT NULL,
        ran_at timestamptz NOT NULL DEFAULT now(),
        ran_by text NOT NULL,
        records int NOT NULL,
        PRIMARY KEY (rule_set, trigger_index, tick)
      )`);
    await queryRunner.query(`ALTER TABLE rule_evaluation ADD COLUMN tick timestamptz`);

    // A task a rule creates stands alone: no instance, no BPMN element; it may point at a record.
    await queryRunner.query(`ALTER TABLE task ALTER COLUMN instance_id DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE task ADD COLUMN record_id uuid`);
    await queryRunner.query(`ALTER TABLE task ADD COLUMN record_form_key text`);
    await queryRunner.query(`ALTER TABLE task ADD COLUMN source text NOT NULL DEFAULT 'process'`);
    await queryRunner.query(`CREATE INDEX task_record ON task (record_id) WHERE record_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX task_record`);
    await queryRunner.query(`ALTER TABLE task DROP COLUMN source`);
    await queryRunner.query(`ALTER TABLE task DROP COLUMN record_form_key`);
    await queryRunner.query(`ALTER TABLE task DROP COLUMN record_id`);
    await queryRunner.query(`DELETE FROM task WHERE instance_id IS NULL`);
    await queryRunner.query(`ALTER TABLE task ALTER COLUMN instance_id SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE rule_evaluation DROP COLUMN tick`);
    await queryRunner.query(`DROP TABLE rule_schedule_run`);
    await queryRunner.query(`DROP TABLE rule_schedule`);
    await queryRunner.query(`ALTER TABLE app DROP COLUMN published_version`);
    await queryRunner.query(`DROP TABLE app_version`);
    await queryRunner.query(`DROP TABLE report_definition`);
  }
}
