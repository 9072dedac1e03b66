import type { Db } from './db';

/** A stored evidence file. */
export interface EvidenceRow {
  content: Buffer;
  media_type: string;
  size: number;
  original_name: string | null;
}

/** Evidence files (`evidence_files`), addressed by the sha256 of their content. */
export class EvidenceRepository {
  constructor(private readonly db: Db) {}

  /** Stores the file unless its content already is; true when this call stored it. */
  async store(file: {
    id: string;
    content: Buffer;
    mediaType: string;
    originalName: string | null;
    uploadedBy: string;
  }): Promise<boolean> {
    const inserted = await this.db.query<Array<{ id: string }>>(
      `INSERT INTO evidence_files (id, content, media_type, size, original_name, uploaded_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING
       RETURNING id`,
      [file.id, file.content, file.mediaType, file.content.length, file.originalName, file.uploadedBy],
    );
    return inserted.length > 0;
  }

  async find(id: string): Promise<EvidenceRow | undefined> {
    const [row] = await this.db.query<EvidenceRow[]>(
      `SELECT content, media_type, size, original_name FROM evidence_files WHERE id = $1`,
      [id],
    );
    return row;
  }

  /** Which of these ids are stored files. */
  async knownIds(ids: readonly string[]): Promise<Set<string>> {
    const found = await this.db.query<Array<{ id: string }>>(
      `SELECT id FROM evidence_files WHERE id = ANY($1::text[])`,
      [ids],
    );
    return new Set(found.map((f) => f.id));
  }
}
