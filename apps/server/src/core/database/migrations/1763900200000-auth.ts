import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Auth1763900200000 implements MigrationInterface {
  name = 'Auth1763900200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE department (
        id text PRIMARY KEY,
        name jsonb NOT NULL,
        parent_id text REFERENCES department (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY,
        username text NOT NULL UNIQUE,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        department_id text REFERENCES department (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // app_key '*' holds the global roles; any other value the roles a user has in that app.
    await queryRunner.query(`
      CREATE TABLE user_role (
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        app_key text NOT NULL DEFAULT '*',
        role text NOT NULL,
        PRIMARY KEY (user_id, app_key, role)
      )`);
    await queryRunner.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX refresh_token_family ON refresh_token (family_id)`);
    await queryRunner.query(`
      CREATE TABLE login_attempt (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        ip text NOT NULL,
        succeeded boolean NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX login_attempt_username ON login_attempt (username, at)`);
    await queryRunner.query(`CREATE INDEX login_attempt_ip ON login_attempt (ip, at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['login_attempt', 'refresh_token', 'user_role', 'app_user', 'department']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
