import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * P4, P6: the mailbox of each unit's prefecture counterpart (州级对口部门), where the sealed reports the seed sends
 * to the prefecture are e-mailed once approved (the 双调度 report and the county report from 县环委办, each
 * department's annual self-assessment).
 */
export class PrefectureSubmissions1765200000000 implements MigrationInterface {
  name = 'PrefectureSubmissions1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units ADD COLUMN prefecture_email varchar(254)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE units DROP COLUMN prefecture_email`);
  }
}
