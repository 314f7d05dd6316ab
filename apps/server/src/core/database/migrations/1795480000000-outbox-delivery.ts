import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Delivery state of outbox messages: how often a send was tried, when the next try is due, the lease
 * a server process holds while it calls the gateway, the last error and the gateway's own id.
 */
export class OutboxDelivery1795480000000 implements MigrationInterface {
  name = 'OutboxDelivery1795480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox_message
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz,
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN locked_by text,
        ADD COLUMN last_error text,
        ADD COLUMN provider_id text`);
    await queryRunner.query(
      `CREATE INDEX outbox_message_due ON outbox_message (next_attempt_at NULLS FIRST, created_at) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX outbox_message_due`);
    await queryRunner.query(`
      ALTER TABLE outbox_message
        DROP COLUMN provider_id, DROP COLUMN last_error, DROP COLUMN locked_by,
        DROP COLUMN locked_until, DROP COLUMN next_attempt_at, DROP COLUMN attempts`);
  }
}
