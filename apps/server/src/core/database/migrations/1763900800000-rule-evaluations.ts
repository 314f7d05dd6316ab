import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RuleEvaluations1763900800000 implements MigrationInterface {
  name = 'RuleEvaluations1763900800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every evaluation of a rule set with its explain trace: which rule fired, and why.
    await queryRunner.query(`
      CREATE TABLE rule_evaluation (
        id uuid PRIMARY KEY,
        app_key text NOT NULL,
        rule_set text NOT NULL,
        trigger text NOT NULL,
        record_id uuid,
        at timestamptz NOT NULL DEFAULT now(),
        trace jsonb NOT NULL,
        actions jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX rule_evaluation_record ON rule_evaluation (record_id, at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE rule_evaluation`);
  }
}
