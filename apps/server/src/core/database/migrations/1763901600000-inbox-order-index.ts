import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The candidate inbox lists open, unassigned tasks by priority, then due date, then age. The first
 * schema's `task_open_unassigned` index is on `created_at` alone, so that listing sorted every open
 * task; this index hands them out already in the inbox's order.
 */
export class InboxOrderIndex1763901600000 implements MigrationInterface {
  name = 'InboxOrderIndex1763901600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS task_open_unassigned_idx ON task (priority DESC, due_at ASC NULLS LAST, created_at ASC)
       WHERE status = 'open' AND assignee IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS task_open_unassigned_idx`);
  }
}
