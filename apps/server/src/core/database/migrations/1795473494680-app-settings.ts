import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The values IT sets for an installed app's declared settings. Kept per app and setting key, apart
 * from the manifest, so a re-import or an upgrade of the app keeps them; no row means the default.
 */
export class AppSettings1795473494680 implements MigrationInterface {
  name = 'AppSettings1795473494680';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app_setting (
        app_key text NOT NULL REFERENCES app (key) ON DELETE CASCADE,
        key text NOT NULL,
        value jsonb NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (app_key, key)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app_setting`);
  }
}
