import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A job whose work calls another system (an HTTP endpoint) is leased, not held in a transaction:
 * the claim commits at once with `locked_until`, the call runs outside the database, and the
 * result is applied in a second transaction. A worker that dies mid-call leaves a lease that
 * expires, and the job is claimed again.
 */
export class JobLeases1763901400000 implements MigrationInterface {
  name = 'JobLeases1763901400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE job ADD COLUMN locked_until timestamptz`);
    await queryRunner.query(`ALTER TABLE job ADD COLUMN locked_by text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE job DROP COLUMN locked_by`);
    await queryRunner.query(`ALTER TABLE job DROP COLUMN locked_until`);
  }
}
