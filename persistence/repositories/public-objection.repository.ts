import { isoOrNull } from '../returning';
import type { Db } from './db';

interface PublicObjectionDbRow {
  id: string;
  issue_code: string;
  objection_seq: number | null;
  name: string | null;
  contact: string | null;
  content: string;
  received_at: Date;
}

export interface PublicObjectionRow {
  id: string;
  issueCode: string;
  objection: number | null;
  name: string | null;
  contact: string | null;
  content: string;
  receivedAt: string;
}

/** 公示异议 sent by the public: the contact lives here only, never in the issue's history (L14). */
export class PublicObjectionRepository {
  constructor(private readonly db: Db) {}

  async record(entry: {
    issueCode: string;
    objection: number;
    name: string | null;
    contact: string | null;
    content: string;
  }): Promise<void> {
    await this.db.query(
      `INSERT INTO public_objections (issue_code, objection_seq, name, contact, content)
       VALUES ($1, $2, $3, $4, $5)`,
      [entry.issueCode, entry.objection, entry.name, entry.contact, entry.content],
    );
  }

  async ofIssue(code: string): Promise<PublicObjectionRow[]> {
    const rows = await this.db.query<PublicObjectionDbRow[]>(
      `SELECT id::text AS id, issue_code, objection_seq, name, contact, content, received_at
       FROM public_objections WHERE issue_code = $1 ORDER BY id`,
      [code],
    );
    return rows.map((row) => ({
      id: row.id,
      issueCode: row.issue_code,
      objection: row.objection_seq,
      name: row.name,
      contact: row.contact,
      content: row.content,
      receivedAt: isoOrNull(row.received_at) ?? '',
    }));
  }
}
