import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FormsRecords1763900500000 implements MigrationInterface {
  name = 'FormsRecords1763900500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE form_definition (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        form_key text NOT NULL,
        version int NOT NULL CHECK (version > 0),
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        UNIQUE (form_key, version)
      )`);
    await queryRunner.query(`
      CREATE TABLE record (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        form_key text NOT NULL,
        form_version int NOT NULL,
        data jsonb NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        owner_id text NOT NULL,
        department_id text,
        version int NOT NULL DEFAULT 1,
        deleted_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX record_form_live ON record (form_key, created_at DESC) WHERE deleted_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX record_owner ON record (form_key, owner_id) WHERE deleted_at IS NULL`);
    await queryRunner.query(
      `CREATE INDEX record_department ON record (form_key, department_id) WHERE deleted_at IS NULL`,
    );
    // Which records a role sees: its own, its department's or all. app_key '*' applies to every app.
    await queryRunner.query(`
      CREATE TABLE role_record_scope (
        app_key text NOT NULL DEFAULT '*',
        role text NOT NULL,
        scope text NOT NULL CHECK (scope IN ('own', 'department', 'all')),
        PRIMARY KEY (app_key, role)
      )`);
    await queryRunner.query(`
      INSERT INTO role_record_scope (app_key, role, scope) VALUES
        ('*', 'account_manager', 'own'),
        ('*', 'credit_officer', 'department'),
        ('*', 'branch_manager', 'department'),
        ('*', 'complaint_handler', 'department'),
        ('*', 'risk_officer', 'all'),
        ('*', 'supervisor', 'all'),
        ('*', 'admin', 'all')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE role_record_scope`);
    await queryRunner.query(`DROP TABLE record`);
    await queryRunner.query(`DROP TABLE form_definition`);
  }
}
