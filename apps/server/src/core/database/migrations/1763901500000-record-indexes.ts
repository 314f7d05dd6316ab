import { compileForm, type FormDefinition } from '@tessera/forms';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { indexPrefix, syncRecordIndexes, trigramSchema } from '../../../forms/record-indexes';

/**
 * The expression indexes of every existing form's records (see forms/record-indexes.ts); forms
 * saved later get theirs when they are saved. Inside the migration's transaction, so not concurrent.
 */
export class RecordIndexes1763901500000 implements MigrationInterface {
  name = 'RecordIndexes1763901500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const forms = (await queryRunner.query(
      `SELECT DISTINCT ON (form_key) form_key, definition FROM form_definition ORDER BY form_key, version DESC`,
    )) as { form_key: string; definition: FormDefinition }[];
    // pg_trgm is used when the database has it; the migration does not install it (the server may, later).
    const trigram = await trigramSchema(queryRunner, { install: false });
    for (const form of forms) {
      let compiled;
      try {
        compiled = compileForm(form.definition);
      } catch {
        continue; // a stored definition this version no longer compiles gets its indexes when saved again
      }
      await syncRecordIndexes(queryRunner, compiled, { concurrently: false, trigramSchema: trigram });
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const forms = (await queryRunner.query(`SELECT DISTINCT form_key FROM form_definition`)) as { form_key: string }[];
    for (const form of forms) {
      const indexes = (await queryRunner.query(
        `SELECT indexname FROM pg_indexes WHERE tablename = 'record' AND schemaname = current_schema() AND starts_with(indexname, $1)`,
        [indexPrefix(form.form_key)],
      )) as { indexname: string }[];
      for (const index of indexes) await queryRunner.query(`DROP INDEX IF EXISTS "${index.indexname}"`);
    }
  }
}
