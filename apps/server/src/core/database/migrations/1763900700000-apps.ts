import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Apps1763900700000 implements MigrationInterface {
  name = 'Apps1763900700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app (
        key text PRIMARY KEY,
        version text NOT NULL,
        name jsonb NOT NULL,
        manifest jsonb NOT NULL,
        hash text NOT NULL,
        installed_at timestamptz NOT NULL DEFAULT now(),
        installed_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Every artifact of the installed version, with its hash: an unchanged artifact is not re-imported.
    await queryRunner.query(`
      CREATE TABLE app_artifact (
        app_key text NOT NULL REFERENCES app (key),
        kind text NOT NULL,
        key text NOT NULL,
        file text NOT NULL,
        hash text NOT NULL,
        definition jsonb NOT NULL,
        PRIMARY KEY (app_key, kind, key)
      )`);
    // Seed records keep their template-local ids here, so relations between seed records resolve.
    await queryRunner.query(`
      CREATE TABLE seed_record (
        app_key text NOT NULL,
        local_id text NOT NULL,
        record_id uuid NOT NULL,
        PRIMARY KEY (app_key, local_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE seed_record`);
    await queryRunner.query(`DROP TABLE app_artifact`);
    await queryRunner.query(`DROP TABLE app`);
  }
}
