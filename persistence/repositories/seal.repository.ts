import type { EntityManager } from 'typeorm';
import type { Db } from './db';

/** A seal key's public half as stored (P10). */
export interface SealKeyRow {
  id: string;
  algorithm: string;
  public_key: string;
  valid_from: Date;
  valid_until: Date | null;
}

/** One sealed report: its PDF as signed, the digests, the statement and the signature (P10). */
export interface ReportSealRow {
  report_id: string;
  key_id: string;
  statement: Record<string, unknown>;
  statement_text: string;
  signature: string;
  pdf_sm3: string;
  pdf_sha256: string;
  signed_at: Date;
}

const SEAL_COLUMNS = `report_id, key_id, statement, statement_text, signature, pdf_sm3, pdf_sha256, signed_at`;

/** Why the worker's key cannot be the active one. */
export class SealKeyConflict extends Error {}

/**
 * The county's seal keys (`seal_keys`) and the seals of its reports (`report_seals`): the worker records its key
 * when it starts and writes a seal with each approval; the API lists the keys and verifies documents.
 */
export class SealRepository {
  constructor(private readonly db: Db) {}

  within(manager: EntityManager): SealRepository {
    return new SealRepository(manager);
  }

  /**
   * Makes `key` the active key: recorded from now on, the key it replaces retired at the same instant. The same
   * key again changes nothing; a retired key, or another key under its id, is refused (ids are never reused).
   */
  async activate(key: { id: string; publicKey: string; algorithm: string }): Promise<SealKeyRow> {
    const run = async (db: Db): Promise<SealKeyRow> => {
      // One worker at a time decides which key is active.
      await db.query(`LOCK TABLE seal_keys IN SHARE ROW EXCLUSIVE MODE`);
      const rows = await db.query<SealKeyRow[]>(
        `SELECT id, algorithm, public_key, valid_from, valid_until FROM seal_keys WHERE id = $1 OR public_key = $2`,
        [key.id, key.publicKey],
      );
      const existing = rows[0];
      if (existing) {
        if (existing.id !== key.id || existing.public_key !== key.publicKey)
          throw new SealKeyConflict(
            `seal key ${key.id}: key id ${existing.id} is recorded with another public key, or this key under another id`,
          );
        if (existing.valid_until)
          throw new SealKeyConflict(
            `seal key ${key.id} was retired at ${existing.valid_until.toISOString()}; configure a new key`,
          );
        return existing;
      }
      const [now] = await db.query<Array<{ now: Date }>>(`SELECT now() AS now`);
      await db.query(`UPDATE seal_keys SET valid_until = $1 WHERE valid_until IS NULL`, [now.now]);
      const [row] = await db.query<SealKeyRow[]>(
        `INSERT INTO seal_keys (id, algorithm, public_key, valid_from) VALUES ($1, $2, $3, $4)
         RETURNING id, algorithm, public_key, valid_from, valid_until`,
        [key.id, key.algorithm, key.publicKey, now.now],
      );
      return row;
    };
    return this.db.transaction((manager) => run(manager));
  }

  /** Every key that ever signed, newest first. */
  keys(): Promise<SealKeyRow[]> {
    return this.db.query<SealKeyRow[]>(
      `SELECT id, algorithm, public_key, valid_from, valid_until FROM seal_keys ORDER BY valid_from DESC, id`,
    );
  }

  async key(id: string): Promise<SealKeyRow | undefined> {
    const [row] = await this.db.query<SealKeyRow[]>(
      `SELECT id, algorithm, public_key, valid_from, valid_until FROM seal_keys WHERE id = $1`,
      [id],
    );
    return row;
  }

  async ofReport(reportId: string): Promise<ReportSealRow | undefined> {
    const [row] = await this.db.query<ReportSealRow[]>(
      `SELECT ${SEAL_COLUMNS} FROM report_seals WHERE report_id = $1`,
      [reportId],
    );
    return row;
  }

  /** The seals whose PDF has this SM3 or SHA-256 digest (64 lowercase hex digits). */
  byDigest(digest: string): Promise<ReportSealRow[]> {
    return this.db.query<ReportSealRow[]>(
      `SELECT ${SEAL_COLUMNS} FROM report_seals WHERE pdf_sm3 = $1 OR pdf_sha256 = $1 ORDER BY signed_at`,
      [digest],
    );
  }

  /** The PDF exactly as it was signed. */
  async pdf(reportId: string): Promise<Buffer | undefined> {
    const [row] = await this.db.query<Array<{ pdf: Buffer }>>(
      `SELECT pdf FROM report_seals WHERE report_id = $1`,
      [reportId],
    );
    return row?.pdf;
  }

  /** Records a seal once; a second write for the same report keeps the first. */
  async insert(
    seal: Omit<ReportSealRow, 'statement'> & { statement: object; pdf: Buffer },
  ): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO report_seals (report_id, key_id, statement, statement_text, signature, pdf, pdf_sm3, pdf_sha256,
         signed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (report_id) DO NOTHING RETURNING report_id`,
      [
        seal.report_id,
        seal.key_id,
        JSON.stringify(seal.statement),
        seal.statement_text,
        seal.signature,
        seal.pdf,
        seal.pdf_sm3,
        seal.pdf_sha256,
        seal.signed_at,
      ],
    );
    return rows.length > 0;
  }
}
